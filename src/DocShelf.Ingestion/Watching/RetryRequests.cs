using System.Text.Json;

namespace DocShelf.Ingestion.Watching;

/// <summary>
/// Lets `docshelf retry` ask a running service to re-queue quarantined files: the service owns the shelf while it
/// runs, so the request is left as a small file in the data folder for it to pick up.
/// </summary>
public static class RetryRequests
{
    private const string FolderName = "requests";

    /// <param name="documentId">One document, or null for every quarantined file.</param>
    public static void Submit(string dataDirectory, string? documentId)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, FolderName)).FullName;
        var path = Path.Combine(folder, $"retry-{Guid.NewGuid():N}.json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(new RetryRequest(documentId)));
        File.Move(path + ".tmp", path);
    }

    /// <summary>Hands each waiting request to <paramref name="handle"/>, then removes it.</summary>
    public static void Take(string dataDirectory, Action<string?> handle)
    {
        var folder = Path.Combine(dataDirectory, FolderName);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var path in Directory.GetFiles(folder, "retry-*.json"))
        {
            try
            {
                handle(JsonSerializer.Deserialize<RetryRequest>(File.ReadAllText(path))?.DocumentId);
            }
            catch (JsonException)
            {
                // A damaged request is dropped; the user can ask again.
            }

            File.Delete(path);
        }
    }

    private sealed record RetryRequest(string? DocumentId);
}
