namespace DocShelf.Ingestion.Watching;

/// <summary>Where the files stand that the service hands to reading workers through a broker (`serve --queue`).</summary>
public sealed record WorkersStatus
{
    /// <summary>The broker's address, without its password.</summary>
    public required string Broker { get; init; }

    /// <summary>Files the broker confirmed it holds for the workers, whose readings have not come back: waiting, or at a worker.</summary>
    public int HandedOut { get; init; }

    /// <summary>Files on the broker that no worker has taken yet.</summary>
    public int Waiting { get; init; }

    /// <summary>Files a worker has taken whose reading has not come back.</summary>
    public int AtWorkers { get; init; }

    /// <summary>Readings published since the service started.</summary>
    public int Published { get; init; }

    /// <summary>Files the workers could not read, or that went round them too often, quarantined since the service started.</summary>
    public int Failed { get; init; }

    public IReadOnlyList<WorkerStatus> Workers { get; init; } = [];
}
