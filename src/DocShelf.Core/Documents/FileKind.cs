namespace DocShelf.Core.Documents;

/// <summary>What a file really is, judged from its bytes. Stored by name, so new kinds go anywhere in the list.</summary>
public enum FileKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Tiff,
    PlainText,
    Markdown,

    /// <summary>AsciiDoc, reStructuredText and Org: plain-text markup, read as their text.</summary>
    AsciiDoc,
    ReStructuredText,
    Org,

    /// <summary>Comma- or tab-separated values.</summary>
    DelimitedText,

    /// <summary>Word 2007 and later (DOCX and the macro-enabled DOCM).</summary>
    Docx,

    /// <summary>Word 97-2003, a compound file.</summary>
    Doc,
    Rtf,
    Odt,

    /// <summary>Excel 2007 and later (XLSX and the macro-enabled XLSM).</summary>
    Xlsx,
    Xls,
    Ods,
    Pptx,
    Ppt,
    Odp,

    /// <summary>HTML and XHTML.</summary>
    Html,
    Epub,

    /// <summary>One RFC 822 / MIME message (.eml).</summary>
    Email,

    /// <summary>A mailbox of messages, each starting with a "From " line.</summary>
    Mbox,

    /// <summary>An Outlook message (.msg), a compound file.</summary>
    OutlookMessage,

    /// <summary>
    /// A Word, Excel or PowerPoint 2007+ file protected by a password: a compound file holding the encrypted package,
    /// which says what it is only once opened.
    /// </summary>
    ProtectedOffice,
}
