using DocShelf.Core.Pipeline;
using DocShelf.Search;

namespace DocShelf.Ingestion.Running;

/// <summary>
/// Quarantines a file that could not be read, the same way wherever it was read (here, or by workers through a
/// broker): its record on the shelf with the reason, and the outcome the run reports.
/// </summary>
public static class FileQuarantine
{
    /// <param name="detail">What the failing tool said, kept beside the reason.</param>
    public static FileOutcome Record(ShelfWriter writer, IngestionContext context, string reason, string? detail = null)
    {
        var record = ShelfRecords.Quarantined(context, reason, detail);
        writer.Quarantine(record, context.Path);
        return FileOutcome.Quarantined(context.Path, record);
    }

    /// <summary>The reason of a file whose reading kills kept interrupting.</summary>
    public static string Interrupted(int attempts) => $"reading was interrupted {attempts} times; the file may crash the reader";
}
