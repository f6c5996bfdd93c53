namespace DocShelf.Core.Queue;

/// <summary>Where one file stands in the durable work queue.</summary>
public enum FileState
{
    /// <summary>Seen, stable, and waiting to be read.</summary>
    Queued,

    /// <summary>Being read now; found in this state at start-up, the run was interrupted.</summary>
    Processing,

    Indexed,

    Quarantined,

    /// <summary>Taken off the shelf by a user, the file itself kept: read again only when it changes, or when named to ingest.</summary>
    Removed,
}
