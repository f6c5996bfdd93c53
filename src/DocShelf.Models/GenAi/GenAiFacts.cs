namespace DocShelf.Models.GenAi;

/// <summary>What an ONNX Runtime GenAI model folder says of its model, read from its JSON files without loading the graph.</summary>
public sealed record GenAiFacts
{
    /// <summary>GenAI's name for the model's family, such as llama, qwen2, phi3 or gemma.</summary>
    public required string Type { get; init; }

    /// <summary>The context length the model was exported for, in tokens.</summary>
    public required int TrainedContext { get; init; }

    /// <summary>The bytes of the graphs and their external weights, which a loaded model keeps in memory.</summary>
    public required long WeightBytes { get; init; }

    public required int Layers { get; init; }

    /// <summary>The width of a key (and value) in the cache: key-value heads times the dimensions of a head.</summary>
    public required int KeyValueWidth { get; init; }

    /// <summary>The Jinja chat template in tokenizer_config.json.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>The bytes the key-value cache of <paramref name="contextTokens"/> takes, at 32 bits a value as on a CPU.</summary>
    public long CacheBytes(int contextTokens) => 2L * 4 * Layers * KeyValueWidth * contextTokens;
}
