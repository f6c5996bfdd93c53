namespace DocShelf.Core.Pipeline;

/// <summary>
/// One stage of ingestion. A step does one thing to the file in flight and records it.
/// It throws <see cref="UnreadableFileException"/> when the file cannot be read, which quarantines the file only.
/// </summary>
public interface IIngestionStep
{
    /// <summary>Short name used in logs ("identify", "extract", ...).</summary>
    string Name { get; }

    Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken);
}
