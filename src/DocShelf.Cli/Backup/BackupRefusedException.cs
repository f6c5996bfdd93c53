namespace DocShelf.Cli.Backup;

/// <summary>A backup that cannot be made or restored, with the reason in words a user can act on.</summary>
public sealed class BackupRefusedException(string message, Exception? inner = null) : Exception(message, inner);
