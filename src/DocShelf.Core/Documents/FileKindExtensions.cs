namespace DocShelf.Core.Documents;

public static class FileKindExtensions
{
    public static bool IsImage(this FileKind kind) => kind is FileKind.Png or FileKind.Jpeg or FileKind.Tiff;

    /// <summary>Text files, markup and delimited values: read as the characters they hold.</summary>
    public static bool IsText(this FileKind kind) =>
        kind is FileKind.PlainText or FileKind.Markdown or FileKind.AsciiDoc or FileKind.ReStructuredText or FileKind.Org or FileKind.DelimitedText;

    /// <summary>Word-processing documents and presentations: laid out as pages (a slide is a page) by an office suite.</summary>
    public static bool IsLaidOutByOffice(this FileKind kind) =>
        kind is FileKind.Docx or FileKind.Doc or FileKind.Rtf or FileKind.Odt or FileKind.Pptx or FileKind.Ppt or FileKind.Odp or FileKind.ProtectedOffice;

    public static bool IsSpreadsheet(this FileKind kind) => kind is FileKind.Xlsx or FileKind.Xls or FileKind.Ods;

    /// <summary>Kinds that are zip files underneath: Office Open XML, OpenDocument and EPUB.</summary>
    public static bool IsZip(this FileKind kind) =>
        kind is FileKind.Docx or FileKind.Xlsx or FileKind.Pptx or FileKind.Odt or FileKind.Ods or FileKind.Odp or FileKind.Epub;

    public static bool IsMail(this FileKind kind) => kind is FileKind.Email or FileKind.Mbox or FileKind.OutlookMessage;

    /// <summary>Whether documents of this kind are shown as page images: PDFs, scans and office documents laid out as pages.</summary>
    public static bool HasPageImages(this FileKind kind) => kind == FileKind.Pdf || kind.IsImage() || kind.IsLaidOutByOffice();

    /// <summary>The name people know the format by, for messages: "PDF", "DOCX", "CSV or TSV".</summary>
    public static string DisplayName(this FileKind kind) => kind switch
    {
        FileKind.PlainText => "plain text",
        FileKind.ReStructuredText => "reStructuredText",
        FileKind.AsciiDoc or FileKind.Markdown or FileKind.Org => kind.ToString(),
        FileKind.DelimitedText => "CSV or TSV",
        FileKind.Email => "EML",
        FileKind.OutlookMessage => "Outlook MSG",
        FileKind.ProtectedOffice => "password-protected Office file",
        _ => kind.ToString().ToUpperInvariant(),
    };

    /// <summary>Every kind DocShelf reads, named for a message: "PDF, PNG, ... or Outlook MSG".</summary>
    public static string Readable { get; } = string.Join(", ", Enum.GetValues<FileKind>().Where(k => k != FileKind.Unknown).Select(DisplayName));

    /// <summary>The lower-case name used in JSON output and filters.</summary>
    public static string ToName(this FileKind kind) => kind switch
    {
        FileKind.PlainText => "text",
        FileKind.ReStructuredText => "rst",
        FileKind.DelimitedText => "csv",
        FileKind.OutlookMessage => "msg",
        FileKind.ProtectedOffice => "protected-office",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
