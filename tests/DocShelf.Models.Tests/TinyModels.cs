using System.Text.Json;
using DocShelf.Fixtures;

namespace DocShelf.Models.Tests;

/// <summary>The generated tiny models and the reference outputs computed for them by an independent NumPy implementation.</summary>
public static class TinyModels
{
    public const string Mean = "tiny-bert-mean";
    public const string Cls = "tiny-bert-cls";
    public const string Decoder = "tiny-decoder";
    public const string Llama = "tiny-llama";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Folder(string model) => Path.Combine(AppContext.BaseDirectory, "TinyModels", model);

    public static Reference LoadReference()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TinyModels", "reference.json"));
        return JsonSerializer.Deserialize<Reference>(stream, Json)!;
    }

    /// <summary>The tiny ONNX Runtime GenAI decoder's greedy runs, as the NumPy forward pass of its weights made them.</summary>
    public static GenerationReference LoadDecoderReference() => LoadGeneration(Decoder);

    /// <summary>The tiny GGUF model's greedy runs, as the NumPy forward pass of its weights made them.</summary>
    public static GenerationReference LoadGgufReference() => LoadGeneration(Llama);

    /// <summary>The tiny llama-architecture GGUF file generate_gguf.py wrote.</summary>
    public static string LlamaFile => Path.Combine(Folder(Llama), "model.gguf");

    /// <summary>A copy of the tiny decoder whose genai_config.json is changed by <paramref name="edit"/>, in a folder the caller deletes.</summary>
    public static string DecoderCopy(Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var folder = Directory.CreateTempSubdirectory("docshelf-decoder-").FullName;
        FolderCopy.Copy(Folder(Decoder), folder);

        var path = Path.Combine(folder, "genai_config.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
        return folder;
    }

    private static GenerationReference LoadGeneration(string model)
    {
        using var stream = File.OpenRead(Path.Combine(Folder(model), "reference.json"));
        return JsonSerializer.Deserialize<GenerationReference>(stream, Json)!;
    }

    /// <param name="Greedy">The tokens greedy decoding picks before an end-of-turn token, at most 24.</param>
    /// <param name="Text">Those tokens' text, special tokens left out.</param>
    public sealed record GenerationCase(string Prompt, List<int> Ids, List<int> Greedy, List<double> Leads, string Text);

    public sealed record GenerationReference(List<GenerationCase> Cases);

    public sealed record Reference(List<string> Sentences, List<List<int>> Tokens, Dictionary<string, List<List<double>>> Models);
}
