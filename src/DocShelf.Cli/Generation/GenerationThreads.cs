using DocShelf.Ingestion.Watching;

namespace DocShelf.Cli.Generation;

/// <summary>How many threads a local chat model answers with in the service.</summary>
public static class GenerationThreads
{
    /// <summary>
    /// Every core while the service reads nothing; while it reads files, the cores its OCR does not take
    /// (<paramref name="ocrPagesAtOnce"/>), at least one, so an answer does not stall the reading or the reading the answer.
    /// </summary>
    public static Func<int> BesideReading(ServiceBoard board, int ocrPagesAtOnce) => () =>
        board.Latest is { InProgress.Count: > 0 }
            ? Math.Max(1, Environment.ProcessorCount - ocrPagesAtOnce)
            : Environment.ProcessorCount;
}
