namespace DocShelf.Core.Documents;

public static class FileKindExtensions
{
    public static bool IsImage(this FileKind kind) => kind is FileKind.Png or FileKind.Jpeg or FileKind.Tiff;

    public static bool IsText(this FileKind kind) => kind is FileKind.PlainText or FileKind.Markdown;

    /// <summary>The lower-case name used in JSON output and filters.</summary>
    public static string ToName(this FileKind kind) => kind switch
    {
        FileKind.PlainText => "text",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
