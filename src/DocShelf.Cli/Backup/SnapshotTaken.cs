namespace DocShelf.Cli.Backup;

/// <summary>A snapshot's folder, and how long the shelf's changes waited while it was taken.</summary>
public sealed record SnapshotTaken(string Folder, double PausedMilliseconds);
