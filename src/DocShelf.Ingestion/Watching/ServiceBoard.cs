using System.Collections.Concurrent;

namespace DocShelf.Ingestion.Watching;

/// <summary>
/// Where the running service and the web app in the same process meet: the service posts its status here on every
/// update, and the web app reads it, waits for the next one, or leaves retry requests for the service to act on.
/// </summary>
public sealed class ServiceBoard
{
    private readonly ConcurrentQueue<string?> retries = new();
    private readonly ConcurrentQueue<IReadOnlyList<string>> named = new();
    private TaskCompletionSource<ServiceStatus> next = NewWaiter();
    private int edited;

    /// <summary>Raised when a retry is requested, so the service wakes at once instead of at its next tick.</summary>
    public event Action? RetryRequested;

    /// <summary>Where the web page is served, once the web app has started; published with the status.</summary>
    public string? WebUrl { get; set; }

    /// <summary>The embedding model's progress, published with the status; null on a lexical-only shelf.</summary>
    public Embedding.EmbeddingProgress? Embedding { get; set; }

    /// <summary>The reading workers and the files in their hands, published with the status; null when the service reads files itself.</summary>
    public WorkersStatus? Workers { get; set; }

    /// <summary>The latest status, or null before the service has posted one.</summary>
    public ServiceStatus? Latest { get; private set; }

    public void Post(ServiceStatus status)
    {
        Latest = status;
        Interlocked.Exchange(ref next, NewWaiter()).TrySetResult(status);
    }

    /// <summary>Completes with the next status the service posts.</summary>
    public Task<ServiceStatus> NextAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref next).Task.WaitAsync(cancellationToken);

    /// <param name="documentId">One quarantined document, or null for all of them.</param>
    public void RequestRetry(string? documentId)
    {
        retries.Enqueue(documentId);
        RetryRequested?.Invoke();
    }

    public bool TryTakeRetry(out string? documentId) => retries.TryDequeue(out documentId);

    /// <summary>Raised when `docshelf ingest` names files for the service to read, so it wakes at once.</summary>
    public event Action? FilesNamed;

    /// <summary>Files `docshelf ingest` named while the service holds the shelf, for the service to queue and read.</summary>
    public void NameFiles(IReadOnlyList<string> paths)
    {
        named.Enqueue(paths);
        FilesNamed?.Invoke();
    }

    public bool TryTakeNamedFiles(out IReadOnlyList<string> paths) => named.TryDequeue(out paths!);

    /// <summary>
    /// Raised when something beside the watcher changed the shelf (the web app removed a document, a worker's reading
    /// was published after a restart), so the service counts it again at once.
    /// </summary>
    public event Action? ShelfEdited;

    public void EditedShelf()
    {
        Volatile.Write(ref edited, 1);
        ShelfEdited?.Invoke();
    }

    /// <summary>Whether the shelf was edited since the last call.</summary>
    public bool TakeEdit() => Interlocked.Exchange(ref edited, 0) == 1;

    private static TaskCompletionSource<ServiceStatus> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
