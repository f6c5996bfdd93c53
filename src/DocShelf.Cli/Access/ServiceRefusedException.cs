namespace DocShelf.Cli.Access;

/// <summary>The process holding the shelf answered, but refused the request; the message says why.</summary>
public sealed class ServiceRefusedException(string message) : Exception(message);
