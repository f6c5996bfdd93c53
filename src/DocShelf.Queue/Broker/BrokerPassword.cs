using DocShelf.Search;

namespace DocShelf.Queue.Broker;

/// <summary>
/// The broker password, read from a file only the service's user can read (as systemd's credentials and most
/// secret stores leave one), so it is never on a command line, in an environment other users can see, or in a log.
/// </summary>
public static class BrokerPassword
{
    /// <returns>The file's first line.</returns>
    /// <exception cref="UnauthorizedAccessException">Other users may read or change the file.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static string ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The broker password file {path} does not exist.", path);
        }

        if (OwnerOnly.OpenToOthers(path))
        {
            throw new UnauthorizedAccessException(
                $"The broker password file {path} can be read or changed by other users; make it the service user's alone (chmod 600 {path}).");
        }

        var password = File.ReadLines(path).FirstOrDefault()?.Trim() ?? "";
        return password.Length > 0 ? password : throw new InvalidDataException($"The broker password file {path} is empty.");
    }
}
