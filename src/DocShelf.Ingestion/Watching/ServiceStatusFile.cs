using System.Text.Json;

namespace DocShelf.Ingestion.Watching;

/// <summary>The service's status as a small JSON file in the data folder, replaced atomically on each update.</summary>
public static class ServiceStatusFile
{
    public const string FileName = "service-status.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(string dataDirectory, ServiceStatus status)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(status, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public static void Remove(string dataDirectory) => File.Delete(Path.Combine(dataDirectory, FileName));

    /// <summary>The last status written, by a running service or not; null when there is none.</summary>
    public static ServiceStatus? Read(string dataDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize<ServiceStatus>(File.ReadAllText(Path.Combine(dataDirectory, FileName)), Json);
        }
        catch (Exception error) when (error is IOException or JsonException)
        {
            return null;
        }
    }
}
