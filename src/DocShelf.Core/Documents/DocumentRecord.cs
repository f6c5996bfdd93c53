namespace DocShelf.Core.Documents;

/// <summary>
/// One distinct content (one sha256) on the shelf, and every path where it was found.
/// A quarantined file is a record too, so its reason is never lost.
/// </summary>
public sealed record DocumentRecord
{
    /// <summary>The first 16 hex digits of the sha256: short enough to type, long enough to stay unique on a shelf.</summary>
    public required string Id { get; init; }

    public required string Sha256 { get; init; }

    public List<string> Paths { get; init; } = [];

    public required FileKind Kind { get; init; }

    public long Bytes { get; init; }

    public DocumentStatus Status { get; init; }

    /// <summary>One line saying why a quarantined file could not be read.</summary>
    public string? Reason { get; init; }

    /// <summary>What the tool that failed said about a quarantined file, beside the reason; null when it said nothing.</summary>
    public string? ReasonDetail { get; init; }

    public int PageCount { get; init; }

    public int OcrPageCount { get; init; }

    /// <summary>How each OCR'd page was read, so its quality can be reported without loading the pages.</summary>
    public List<PageReading> OcrReadings { get; init; } = [];

    public IEnumerable<PageReading> LowConfidencePages => OcrReadings.Where(r => r.IsLowConfidence);

    public int ChunkCount { get; init; }

    /// <summary>Each ingestion step the file went through and how long it took, in order.</summary>
    public List<StepTiming> Steps { get; init; } = [];

    public DateTime AddedUtc { get; init; }

    /// <summary>The date the document itself bears, as far as its text says: "1894-03-04", "1894-03" or "1894"; null when none was read.</summary>
    public string? Dated { get; init; }

    /// <summary>The title the file gives itself (an office file's or PDF's properties, a web page's title); null when it gives none.</summary>
    public string? Title { get; init; }

    public string? Author { get; init; }

    /// <summary>For a document inside another (an attachment, a mailbox's message): where it came from; null for a file of its own.</summary>
    public DocumentOrigin? Origin { get; init; }

    /// <summary>Each page's label (a sheet's name, a chapter's heading), in page order; empty when no page has one.</summary>
    public List<string?> PageLabels { get; init; } = [];

    /// <summary>The label of page <paramref name="number"/> (1-based), or null.</summary>
    public string? LabelOf(int number) => number >= 1 && number <= PageLabels.Count ? PageLabels[number - 1] : null;

    public string PrimaryPath => Paths.Count > 0 ? Paths[0] : "";

    public static string IdFromSha256(string sha256Hex) => sha256Hex[..16];

    /// <summary>
    /// An attachment's id: its own in each message that holds it, so a message's attachments come and go with the
    /// message, whatever else holds the same bytes.
    /// </summary>
    public static string IdOfAttachment(DocumentOrigin origin, string sha256Hex) =>
        IdFromSha256(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{origin.ParentId}/{origin.Position}/{sha256Hex}"))));
}
