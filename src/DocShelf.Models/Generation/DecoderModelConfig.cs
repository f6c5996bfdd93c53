using System.Text.Json;

namespace DocShelf.Models.Generation;

/// <summary>
/// What a causal language model exported for ONNX Runtime says about itself: its graph, its byte-level BPE
/// tokenizer (tokenizer.json, or vocab.json with merges.txt), the tokens that end its text, how long a context it
/// was trained for, the shape of its key-value cache and the chat template it expects. Read from the files a
/// Hugging Face export writes beside the graph.
/// </summary>
public sealed record DecoderModelConfig
{
    private static readonly string[] GraphNames =
        ["model.onnx", "decoder_model_merged.onnx", "onnx/model.onnx", "onnx/decoder_model_merged.onnx"];

    public required string Folder { get; init; }

    public required string ModelPath { get; init; }

    public IReadOnlyList<int> EndTokenIds { get; init; } = [];

    /// <summary>Longest context, prompt and answer together, in tokens.</summary>
    public int MaxPositions { get; init; } = 2048;

    /// <summary>Key-value heads and their width, used where the graph leaves the cache's shape open.</summary>
    public int? CacheHeads { get; init; }

    public int? HeadSize { get; init; }

    public ChatTemplate Template { get; init; }

    /// <summary>Whether a folder looks like a decoder export (a BPE tokenizer and no BERT vocabulary).</summary>
    public static bool IsDecoderFolder(string folder) =>
        !File.Exists(Path.Combine(folder, "vocab.txt"))
        && (File.Exists(Path.Combine(folder, "tokenizer.json")) || File.Exists(Path.Combine(folder, "vocab.json")));

    public static DecoderModelConfig Load(string folder)
    {
        var model = GraphNames.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{folder} holds no model.onnx (nor decoder_model_merged.onnx, nor either under onnx/).");
        var config = ModelJson.Read(folder, "config.json");
        var generation = ModelJson.Read(folder, "generation_config.json");
        var heads = ModelJson.Number(config, "num_attention_heads") ?? ModelJson.Number(config, "n_head");
        var hidden = ModelJson.Number(config, "hidden_size") ?? ModelJson.Number(config, "n_embd");
        return new DecoderModelConfig
        {
            Folder = folder,
            ModelPath = model,
            EndTokenIds = [.. TokenIds(config, "eos_token_id").Concat(TokenIds(generation, "eos_token_id")).Distinct()],
            MaxPositions = ModelJson.Number(config, "max_position_embeddings") ?? ModelJson.Number(config, "n_positions") ?? 2048,
            CacheHeads = ModelJson.Number(config, "num_key_value_heads") ?? heads,
            HeadSize = ModelJson.Number(config, "head_dim") ?? (hidden / heads),
            Template = ChatPrompt.Recognise(ChatTemplateText(ModelJson.Read(folder, "tokenizer_config.json"))),
        };
    }

    /// <summary>An id, or a list of them (models with several end-of-turn tokens give a list).</summary>
    private static IEnumerable<int> TokenIds(JsonElement? json, string name) => ModelJson.Property(json, name) switch
    {
        { ValueKind: JsonValueKind.Number } one => [one.GetInt32()],
        { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32()),
        _ => [],
    };

    /// <summary>chat_template is one Jinja text, or a list of named ones of which "default" is the chat layout.</summary>
    private static string? ChatTemplateText(JsonElement? tokenizer) => ModelJson.Property(tokenizer, "chat_template") switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Array } named => named.EnumerateArray()
            .Where(t => ModelJson.Text(t, "name") == "default")
            .Select(t => ModelJson.Text(t, "template"))
            .FirstOrDefault(),
        _ => null,
    };
}
