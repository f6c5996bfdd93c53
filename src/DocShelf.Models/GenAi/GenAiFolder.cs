using System.Text.Json;

namespace DocShelf.Models.GenAi;

/// <summary>
/// A model folder as ONNX Runtime GenAI's model builder writes one: genai_config.json describing the graph and its
/// search, the graph (model.onnx, its weights often in a .data file beside it), tokenizer.json and
/// tokenizer_config.json with the chat template.
/// </summary>
public static class GenAiFolder
{
    public const string ConfigFile = "genai_config.json";

    public static bool IsGenAi(string folder) => File.Exists(Path.Combine(folder, ConfigFile));

    /// <exception cref="InvalidDataException">The folder's configuration leaves out what a decoder needs.</exception>
    public static GenAiFacts Describe(string folder)
    {
        var model = ModelJson.Property(ModelJson.Read(folder, ConfigFile), "model");
        var decoder = ModelJson.Property(model, "decoder");
        int Required(JsonElement? json, string name) =>
            ModelJson.Number(json, name) ?? throw new InvalidDataException($"{ConfigFile} in {folder} does not give {name}, which ONNX Runtime GenAI needs.");
        return new GenAiFacts
        {
            Type = ModelJson.Text(model, "type") ?? throw new InvalidDataException($"{ConfigFile} in {folder} does not give the model's type."),
            TrainedContext = Required(model, "context_length"),
            WeightBytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(IsWeights).Sum(path => new FileInfo(path).Length),
            Layers = Required(decoder, "num_hidden_layers"),
            KeyValueWidth = Required(decoder, "head_size") * (ModelJson.Number(decoder, "num_key_value_heads") ?? Required(decoder, "num_attention_heads")),
            ChatTemplate = ChatTemplateText(ModelJson.Read(folder, "tokenizer_config.json")) ?? TemplateFile(folder),
        };
    }

    /// <summary>Graphs and the external weight files exports keep beside them (model.onnx.data, model.data).</summary>
    private static bool IsWeights(string path) =>
        path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Newer exports keep the template in a file of its own.</summary>
    private static string? TemplateFile(string folder) =>
        File.Exists(Path.Combine(folder, "chat_template.jinja")) ? File.ReadAllText(Path.Combine(folder, "chat_template.jinja")) : null;

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
