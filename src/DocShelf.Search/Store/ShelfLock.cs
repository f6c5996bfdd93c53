using System.Globalization;

namespace DocShelf.Search.Store;

/// <summary>
/// Makes one process at a time the shelf's user. LiteDB cannot be shared safely between processes (a second
/// process closing the file can discard the first one's journal), so readers take the lock too. It is an exclusive
/// lock on a file in the data folder,
/// released by the kernel when the process ends, however it ends. The holder's process id is written beside it,
/// in a file others can read while the lock is held.
/// </summary>
public sealed class ShelfLock : IDisposable
{
    public const string FileName = "shelf.lock";

    private const string HolderFileName = "shelf.pid";

    private readonly FileStream stream;

    private ShelfLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock, waiting up to <paramref name="patience"/> for another process to let it go.</summary>
    public static ShelfLock Acquire(string dataDirectory, TimeSpan patience = default)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                File.WriteAllText(Path.Combine(dataDirectory, HolderFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                return new ShelfLock(stream);
            }
            catch (IOException error) when (DateTime.UtcNow >= deadline)
            {
                throw new ShelfInUseException(
                    $"the shelf in {dataDirectory} is in use by another DocShelf process{HolderOf(dataDirectory)}; " +
                    "wait for it to finish, or stop the service first", error);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose() => stream.Dispose();

    private static string HolderOf(string dataDirectory)
    {
        try
        {
            var pid = File.ReadAllText(Path.Combine(dataDirectory, HolderFileName)).Trim();
            return pid.Length > 0 ? $" (process {pid})" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
