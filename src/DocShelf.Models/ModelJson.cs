using System.Text.Json;

namespace DocShelf.Models;

/// <summary>Reads the JSON files a model export writes beside its graph; a missing file or setting reads as null.</summary>
public static class ModelJson
{
    public static JsonElement? Read(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {error.Message}", error);
        }
    }

    public static JsonElement? Property(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static int? Number(JsonElement? json, string name) =>
        Property(json, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number)
            ? (int)Math.Min(number, int.MaxValue)
            : null;

    public static bool? Flag(JsonElement? json, string name) =>
        Property(json, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static string? Text(JsonElement? json, string name) =>
        Property(json, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
