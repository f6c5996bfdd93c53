using System.Text.Json;

namespace DocShelf.Models.Tests;

/// <summary>The generated tiny models and the reference outputs computed for them by an independent NumPy implementation.</summary>
public static class TinyModels
{
    public const string Mean = "tiny-bert-mean";
    public const string Cls = "tiny-bert-cls";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Folder(string model) => Path.Combine(AppContext.BaseDirectory, "TinyModels", model);

    public static Reference LoadReference()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TinyModels", "reference.json"));
        return JsonSerializer.Deserialize<Reference>(stream, Json)!;
    }

    public sealed record Reference(List<string> Sentences, List<List<int>> Tokens, Dictionary<string, List<List<double>>> Models);
}
