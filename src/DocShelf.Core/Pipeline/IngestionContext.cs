using DocShelf.Core.Documents;
using DocShelf.Core.Reading;

namespace DocShelf.Core.Pipeline;

/// <summary>One file on its way through the steps. Each step reads what earlier steps left and adds its own part.</summary>
public sealed class IngestionContext(string path, string workDirectory)
{
    /// <summary>Full path of the file as the user gave it.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// Where every step reads the file: the runner opens it once, under the path rule, and this path reaches that
    /// opening, so the file cannot be swapped for another between steps. The path itself when nothing opened it.
    /// </summary>
    public string ReadPath { get; init; } = path;

    /// <summary>A private scratch folder for rasters and tool output, removed when the file is done.</summary>
    public string WorkDirectory { get; } = workDirectory;

    public string Sha256 { get; set; } = "";

    public string DocumentId { get; set; } = "";

    public long Bytes { get; set; }

    public FileKind Kind { get; set; } = FileKind.Unknown;

    /// <summary>Where page images are drawn from (with the password that opened an encrypted PDF); null for a document shown as text.</summary>
    public PageDrawing? Drawing { get; set; }

    /// <summary>For a document inside another (an attachment, a mailbox's message): where it came from; null for a file of its own.</summary>
    public DocumentOrigin? Origin { get; init; }

    /// <summary>How deep inside other documents this one is: 0 for a file, 1 for an attachment, 2 for one inside that.</summary>
    public int Depth { get; init; }

    /// <summary>Files inside this one that are documents of their own, read after it.</summary>
    public List<AttachedFile> Attachments { get; } = [];

    /// <summary>What the file says about itself: title, author, date.</summary>
    public DocumentProperties Properties { get; set; } = DocumentProperties.None;

    /// <summary>Set by a step that finds nothing left to do (same bytes already on the shelf).</summary>
    public bool IsComplete { get; set; }

    /// <summary>The shelf's record when these bytes were already there.</summary>
    public DocumentRecord? Existing { get; set; }

    /// <summary>Called after each page's OCR with the page number and the number of pages to recognise.</summary>
    public Action<int, int>? PageRecognised { get; init; }

    /// <summary>Pages in order; a page still waiting for OCR has a null entry.</summary>
    public List<PageContent?> Pages { get; } = [];

    /// <summary>Pages (1-based) whose text must come from OCR, and where their image is.</summary>
    public List<PageImage> PagesToRecognise { get; } = [];

    public List<Chunk> Chunks { get; } = [];

    /// <summary>How long each step that ran took, in order; the pipeline adds to it.</summary>
    public List<StepTiming> Steps { get; } = [];

    public int OcrPageCount => Pages.Count(p => p?.Source == PageSource.Ocr);
}
