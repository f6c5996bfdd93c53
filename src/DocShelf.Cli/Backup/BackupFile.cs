namespace DocShelf.Cli.Backup;

/// <summary>One file of a backup: its path as in a data folder, its sha256 and its size.</summary>
public sealed record BackupFile(string Path, string Sha256, long Bytes);
