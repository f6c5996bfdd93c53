using System.Text.Json;

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

    public static DecoderReference LoadDecoderReference()
    {
        using var stream = File.OpenRead(Path.Combine(Folder(Decoder), "reference.json"));
        return JsonSerializer.Deserialize<DecoderReference>(stream, Json)!;
    }

    public static GgufReference LoadGgufReference()
    {
        using var stream = File.OpenRead(Path.Combine(Folder(Llama), "reference.json"));
        return JsonSerializer.Deserialize<GgufReference>(stream, Json)!;
    }

    /// <summary>The tiny llama-architecture GGUF file generate_gguf.py wrote.</summary>
    public static string LlamaFile => Path.Combine(Folder(Llama), "model.gguf");

    /// <summary>A copy of the tiny decoder whose config.json is changed by <paramref name="edit"/>, in a folder the caller deletes.</summary>
    public static string DecoderCopy(Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var folder = Directory.CreateTempSubdirectory("docshelf-decoder-").FullName;
        foreach (var file in Directory.GetFiles(Folder(Decoder)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();
        edit(config);
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        return folder;
    }

    public sealed record DecoderReference(int Steps, List<DecoderRun> Runs);

    public sealed record DecoderRun(string Prompt, List<int> PromptIds, List<int> GreedyIds, string GreedyText);

    /// <param name="Greedy">The tokens greedy decoding picks before an end-of-turn token, at most 24.</param>
    /// <param name="Text">Those tokens' text, control tokens left out.</param>
    public sealed record GgufCase(string Prompt, List<int> Ids, List<int> Greedy, List<double> Leads, string Text);

    public sealed record GgufReference(List<GgufCase> Cases);

    public sealed record Reference(List<string> Sentences, List<List<int>> Tokens, Dictionary<string, List<List<double>>> Models);
}
