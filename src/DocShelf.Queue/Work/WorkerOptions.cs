namespace DocShelf.Queue.Work;

/// <summary>How a worker presents itself and paces its contact with the shelf.</summary>
/// <param name="Name">How the shelf's status names this worker; the machine's name and the process id by default.</param>
/// <param name="ScratchDirectory">Where files and readings wait while the worker has them; each file's folder goes when it is done.</param>
/// <param name="MaxFileDuration">How long one file may take before it is refused, as on the shelf.</param>
/// <param name="FilesAtOnce">Files read side by side: one per core, as most files are a page or two; their pages share the cores (<see cref="SharedPageSlots"/>).</param>
public sealed record WorkerOptions(string Name, string ScratchDirectory, TimeSpan MaxFileDuration, int FilesAtOnce)
{
    /// <summary>How often the worker says it is alive; the shelf shows one silent for three of these as not answering.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    public static string DefaultName() => $"{Environment.MachineName}:{Environment.ProcessId}";
}
