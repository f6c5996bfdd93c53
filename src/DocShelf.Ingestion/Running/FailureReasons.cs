using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Running;

/// <summary>The one line a quarantined file is recorded with, for whatever stopped its reading.</summary>
public static class FailureReasons
{
    /// <summary>What the failing tool said, kept beside the reason; null when there is nothing more to say.</summary>
    public static string? DetailOf(Exception error) => (error as UnreadableFileException)?.Detail;

    public static string Of(Exception error) => error switch
    {
        UnreadableFileException or ToolTimeoutException => error.Message,
        IOException or UnauthorizedAccessException => $"the file could not be read: {error.Message}",
        _ => $"unexpected error ({error.GetType().Name}): {error.Message}",
    };
}
