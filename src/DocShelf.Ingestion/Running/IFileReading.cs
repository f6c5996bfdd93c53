namespace DocShelf.Ingestion.Running;

/// <summary>
/// How the service has a queued file read: here, by the <see cref="IngestionRunner"/>, or by workers on other
/// machines through a broker. Either way the file's state is kept in the shelf's durable queue and its result is
/// published through the shelf's one writer.
/// </summary>
public interface IFileReading
{
    /// <summary>How many files may be in hand at once.</summary>
    int FilesAtOnce { get; }

    /// <summary>Where files are read, for the service's log: "here, 2 pages at once", or the broker's address.</summary>
    string Description { get; }

    /// <summary>Puts files a kill left in hand back in order; returns how many were quarantined for having been interrupted too often.</summary>
    int RecoverInterrupted();

    /// <summary>Reads one queued file and returns what became of it; null when the file vanished, or changed, before it could be read.</summary>
    Task<FileOutcome?> ProcessAsync(string path, IIngestionObserver observer, CancellationToken cancellationToken);
}
