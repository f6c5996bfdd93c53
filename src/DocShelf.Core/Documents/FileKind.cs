namespace DocShelf.Core.Documents;

/// <summary>What a file really is, judged from its bytes.</summary>
public enum FileKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Tiff,
    PlainText,
    Markdown,
}
