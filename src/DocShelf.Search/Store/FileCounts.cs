namespace DocShelf.Search.Store;

/// <summary>Files DocShelf knows, counted by their state in the work queue.</summary>
public sealed record FileCounts(int Queued, int Processing, int Indexed, int Quarantined);
