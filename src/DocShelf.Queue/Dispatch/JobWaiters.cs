using System.Collections.Concurrent;
using DocShelf.Ingestion.Running;

namespace DocShelf.Queue.Dispatch;

/// <summary>
/// The files the service is waiting on workers for, by job, so the result's consumer can tell the service what
/// became of each. A result whose job no one waits for (the shelf restarted since sending it) is published all the
/// same; only the telling is skipped.
/// </summary>
public sealed class JobWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FileOutcome?>> waiting = new(StringComparer.Ordinal);

    public Task<FileOutcome?> Expect(string jobId) =>
        waiting.GetOrAdd(jobId, _ => new TaskCompletionSource<FileOutcome?>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Tells the one waiting for <paramref name="jobId"/> what became of its file: null when its result was not
    /// wanted (the file changed or left while at the workers), so the service lets go of it and reads the new
    /// version, if any, as any other. False when no one waits.
    /// </summary>
    public bool Complete(string jobId, FileOutcome? outcome) =>
        waiting.TryRemove(jobId, out var waiter) && waiter.TrySetResult(outcome);

    public void Forget(string jobId) => waiting.TryRemove(jobId, out _);
}
