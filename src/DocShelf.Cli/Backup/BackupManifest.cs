using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocShelf.Cli.Backup;

/// <summary>
/// What a backup holds, written last in its archive: the DocShelf and store schema that made it, what the shelf held,
/// and every file with its sha256, so a restore can tell a whole backup from a damaged or cut-short one.
/// </summary>
public sealed record BackupManifest
{
    /// <summary>The archive's own layout; a restore refuses a format it does not know.</summary>
    public const int CurrentFormat = 1;

    public const string EntryName = "docshelf-backup.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required int Format { get; init; }

    public required string DocShelfVersion { get; init; }

    /// <summary>The store's schema version, which a DocShelf must know to open the restored shelf.</summary>
    public required int Schema { get; init; }

    public required DateTime CreatedUtc { get; init; }

    public required int Documents { get; init; }

    public required int Chunks { get; init; }

    public required int Pages { get; init; }

    public required IReadOnlyList<BackupFile> Files { get; init; }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <exception cref="InvalidDataException">The manifest is not one DocShelf wrote.</exception>
    public static BackupManifest FromBytes(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(bytes, Json) ?? throw new InvalidDataException("the backup's manifest is empty");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"the backup's manifest cannot be read ({error.Message})", error);
        }
    }
}
