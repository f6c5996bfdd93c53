using System.Text.Json;
using System.Text.Json.Serialization;
using DocShelf.Models.GenAi;
using DocShelf.Models.Gguf;

namespace DocShelf.Models.Library;

/// <summary>
/// What DocShelf knows of a model: its name and kind, every file with its sha256, where it came from and under
/// which licence, and for an embedding model the length of its vectors. Kept as docshelf-model.json in the
/// model's folder; the same file beside a model being imported says which hashes its files must have.
/// </summary>
public sealed record ModelManifest
{
    public const string FileName = "docshelf-model.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public required string Name { get; init; }

    public ModelKind Kind { get; init; } = ModelKind.Embedding;

    public IReadOnlyList<ModelFile> Files { get; init; } = [];

    public string? Licence { get; init; }

    public string? Source { get; init; }

    /// <summary>Vector length, learned by a probe inference at import.</summary>
    public int? Dimensions { get; init; }

    /// <summary>Text the embedding model expects before each query, such as arctic-embed's "Represent this sentence…".</summary>
    public string? QueryPrefix { get; init; }

    /// <summary>Text the embedding model expects before each passage it embeds (e5's "passage: ").</summary>
    public string? PassagePrefix { get; init; }

    /// <summary>
    /// The cosine similarity below which a chunk is no match at all for a query, for models whose unrelated texts
    /// still score well above zero; none when not given.
    /// </summary>
    public double? MinimumSimilarity { get; init; }

    /// <summary>
    /// The cosine similarity an answer's best sentence must reach for the extractive answerer to answer on fewer of
    /// the question's words; none when not given, and words alone decide whether to answer.
    /// </summary>
    public double? AnswerSimilarity { get; init; }

    /// <summary>
    /// The cosine similarity a chunk holding none of the query's words must reach for hybrid search to show it as
    /// related by meaning; none when not given, and <see cref="MinimumSimilarity"/> applies.
    /// </summary>
    public double? RelatedSimilarity { get; init; }

    /// <summary>For a GGUF chat model: what its file says of itself, read at import.</summary>
    public GgufFacts? Gguf { get; init; }

    /// <summary>For an ONNX Runtime GenAI chat model: what its folder says of it, read at import.</summary>
    public GenAiFacts? GenAi { get; init; }

    /// <summary>True for the model that comes with DocShelf rather than by import.</summary>
    public bool BuiltIn { get; init; }

    public DateTime? ImportedUtc { get; init; }

    public static ModelManifest? ReadFrom(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not a model manifest: {error.Message}", error);
        }
    }

    public void WriteTo(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));
}
