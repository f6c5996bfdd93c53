using System.Globalization;
using DocShelf.Models.Generation;
using LLama;
using LLama.Common;
using LLama.Native;

namespace DocShelf.Models.Gguf;

/// <summary>A GGUF model file: recognised by its first bytes, and described from its metadata.</summary>
public static class GgufFile
{
    public const string Extension = ".gguf";

    private static readonly byte[] Magic = "GGUF"u8.ToArray();

    /// <summary>Whether the file starts as GGUF does; says nothing of the rest of it.</summary>
    public static bool LooksLikeGguf(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[4];
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(Magic);
    }

    /// <summary>
    /// Reads the file's metadata and vocabulary, not its weights. llama.cpp parses the file, so a damaged or hostile
    /// one can bring down the process: run this where that does no harm (<c>docshelf models import</c> does it in a
    /// process of its own).
    /// </summary>
    /// <exception cref="ChatModelException">The file cannot be read as a model.</exception>
    public static GgufFacts Describe(string path) => LlamaRuntime.Run($"Reading {Path.GetFileName(path)}", () =>
    {
        using var weights = LLamaWeights.LoadFromFile(new ModelParams(path) { VocabOnly = true, GpuLayerCount = 0 });
        return FactsOf(path, weights);
    });

    /// <summary>
    /// The facts from the metadata alone: a model read for its vocabulary has no layers, and llama.cpp aborts the
    /// process when asked for a layer's heads, so nothing here asks the loaded model.
    /// </summary>
    private static GgufFacts FactsOf(string path, LLamaWeights weights)
    {
        var metadata = weights.Metadata;
        var architecture = metadata.GetValueOrDefault("general.architecture") ?? "unknown";
        int Number(string key) => int.TryParse(metadata.GetValueOrDefault($"{architecture}.{key}"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var heads = Math.Max(1, Number("attention.head_count"));
        var keyValueHeads = Number("attention.head_count_kv") is > 0 and var kv ? kv : heads;
        var headWidth = Number("attention.key_length") is > 0 and var key ? key : Number("embedding_length") / heads;
        return new GgufFacts
        {
            Architecture = architecture,
            Name = metadata.GetValueOrDefault("general.name"),
            TrainedContext = Number("context_length"),
            Quantisation = Quantisation(metadata.GetValueOrDefault("general.file_type")),
            WeightBytes = new FileInfo(path).Length,
            Layers = Number("block_count"),
            KeyValueWidth = keyValueHeads * headWidth,
            ChatTemplate = metadata.GetValueOrDefault("tokenizer.chat_template"),
            Licence = metadata.GetValueOrDefault("general.license"),
        };
    }

    /// <summary>llama.cpp's file type (general.file_type) as its tools print it: MOSTLY_Q4_K_M is Q4_K_M, ALL_F32 is F32.</summary>
    private static string Quantisation(string? fileType)
    {
        if (!int.TryParse(fileType, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return "F32"; // what llama.cpp assumes of a file that does not say
        }

        var name = ((LLamaFtype)number).ToString();
        foreach (var prefix in new[] { "MOSTLY_", "ALL_" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }
}
