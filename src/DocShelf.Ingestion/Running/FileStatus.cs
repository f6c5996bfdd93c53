namespace DocShelf.Ingestion.Running;

public enum FileStatus
{
    /// <summary>Read and indexed in this run.</summary>
    Indexed,

    /// <summary>The same bytes were already on the shelf; only the path was recorded.</summary>
    AlreadyOnShelf,

    /// <summary>Could not be read; recorded with its reason.</summary>
    Quarantined,
}
