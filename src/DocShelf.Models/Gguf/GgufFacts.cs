namespace DocShelf.Models.Gguf;

/// <summary>What a GGUF file says of its model, read from its metadata without loading the weights.</summary>
public sealed record GgufFacts
{
    /// <summary>llama.cpp's name for the network, such as llama, qwen2, qwen3 or phi3.</summary>
    public required string Architecture { get; init; }

    /// <summary>The name the file gives its model, when it gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The context length the model was trained for, in tokens.</summary>
    public required int TrainedContext { get; init; }

    /// <summary>How most weights are stored, as llama.cpp names it: F16, Q8_0, Q4_K_M and so on.</summary>
    public required string Quantisation { get; init; }

    /// <summary>The bytes of the weights, which a loaded model keeps in memory: the file's length, nearly all of it weights.</summary>
    public required long WeightBytes { get; init; }

    public required int Layers { get; init; }

    /// <summary>The width of a key (and value) in the cache: key-value heads times the dimensions of a head.</summary>
    public required int KeyValueWidth { get; init; }

    /// <summary>The Jinja chat template in the file's metadata.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>The licence the file names (general.license), when it names one.</summary>
    public string? Licence { get; init; }

    /// <summary>The bytes the key-value cache of <paramref name="contextTokens"/> takes, at llama.cpp's 16 bits a value.</summary>
    public long CacheBytes(int contextTokens) => 2L * 2 * Layers * KeyValueWidth * contextTokens;
}
