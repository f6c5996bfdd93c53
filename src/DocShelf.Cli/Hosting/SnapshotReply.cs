namespace DocShelf.Cli.Hosting;

/// <summary>Where the holder of a shelf put the snapshot it was asked for.</summary>
public sealed record SnapshotReply(string Folder);
