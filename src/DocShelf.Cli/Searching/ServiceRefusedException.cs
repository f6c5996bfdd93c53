namespace DocShelf.Cli.Searching;

/// <summary>The running service answered a request with an error; its message is the service's own explanation.</summary>
public sealed class ServiceRefusedException(string message) : Exception(message);
