using System.Text.Json;

namespace DocShelf.Models.GenAi;

/// <summary>The text of a Hugging Face tokenizer's special tokens (turn markers, end of text), from its tokenizer.json.</summary>
public static class SpecialTokens
{
    /// <returns>Longest first, so a marker is never left half removed by a shorter one it contains.</returns>
    public static IReadOnlyList<string> Of(string folder)
    {
        var path = Path.Combine(folder, "tokenizer.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array
            ? [.. added.EnumerateArray()
                .Where(token => ModelJson.Flag(token, "special") == true)
                .Select(token => ModelJson.Text(token, "content"))
                .OfType<string>()
                .Where(text => text.Length > 0)
                .Distinct()
                .OrderByDescending(text => text.Length)]
            : [];
    }
}
