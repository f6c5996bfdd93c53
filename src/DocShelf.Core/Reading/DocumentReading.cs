using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;

namespace DocShelf.Core.Reading;

/// <summary>What a reader made of a file: its pages, with those still to be recognised, and what the file says about itself.</summary>
public sealed record DocumentReading
{
    /// <summary>Pages in order; a page whose text must come from OCR is null, and named in <see cref="PagesToRecognise"/>.</summary>
    public required IReadOnlyList<PageContent?> Pages { get; init; }

    public IReadOnlyList<PageImage> PagesToRecognise { get; init; } = [];

    public DocumentProperties Properties { get; init; } = DocumentProperties.None;

    /// <summary>Files inside this one that are documents of their own (attachments, a mailbox's messages), in order.</summary>
    public IReadOnlyList<AttachedFile> Attachments { get; init; } = [];

    /// <summary>Where the viewer's page images are drawn from; null for a document shown as text.</summary>
    public PageDrawing? Drawing { get; init; }
}
