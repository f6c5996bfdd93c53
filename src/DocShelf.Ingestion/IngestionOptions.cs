using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Readers;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion;

/// <summary>Settings for one ingestion run, with defaults that suit a two-to-eight core workstation.</summary>
public sealed record IngestionOptions
{
    /// <summary>Tesseract language codes joined by '+', for example "eng" or "eng+deu".</summary>
    public string OcrLanguages { get; init; } = "eng";

    public ChunkingOptions Chunking { get; init; } = new();

    /// <summary>Pages rasterised and recognised at once; one per core, since each Tesseract runs single-threaded.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public ToolLimits ToolLimits { get; init; } = ToolLimits.Default;

    /// <summary>A file with more pages than this is quarantined rather than tying the worker up for hours.</summary>
    public int MaxPages { get; init; } = 5000;

    /// <summary>Largest page image OCR will take (a 300-dpi A0 sheet is about 140 million pixels).</summary>
    public long MaxPagePixels { get; init; } = 150_000_000;

    /// <summary>Largest file taken at all.</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Longest one file may take, all pages included, before it is quarantined.</summary>
    public TimeSpan MaxFileDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Times a file may be interrupted by a crash or kill before it is quarantined as a likely cause.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>What a zip-based file (DOCX, XLSX, ODT, EPUB...) may hold before it is taken for a zip bomb.</summary>
    public ZipLimits ZipLimits { get; init; } = new();

    /// <summary>
    /// How deep documents inside documents are read: an e-mail's attachment is 1 deep, a message of a mailbox 1, its
    /// attachment 2, a message forwarded inside that and its own attachment 3 and 4. Deeper ones are named, not read.
    /// </summary>
    public int MaxNesting { get; init; } = 4;

    /// <summary>Passwords tried, in order, on encrypted PDFs and password-protected office files.</summary>
    public IReadOnlyList<string> PdfPasswords { get; init; } = [];
}
