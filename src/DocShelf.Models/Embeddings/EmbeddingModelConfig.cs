using System.Text.Json;

namespace DocShelf.Models.Embeddings;

/// <summary>
/// What an exported sentence-transformers model says about itself: where its ONNX graph and vocabulary are, how
/// to pool and whether to normalise, how long an input may be and how text is cased. Read from the files the export
/// writes beside model.onnx, each for what it says as sentence-transformers reads it: the tokenizer's settings from
/// tokenizer_config.json, and only sentence-transformers' own additions from sentence_bert_config.json. A missing
/// file means that model's usual default.
/// </summary>
public sealed record EmbeddingModelConfig
{
    public required string ModelPath { get; init; }

    public required string VocabularyPath { get; init; }

    public Pooling Pooling { get; init; } = Pooling.Mean;

    public bool Normalize { get; init; }

    /// <summary>Longest input in tokens, [CLS] and [SEP] included; longer text is cut.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>The tokenizer's own lower-casing (tokenizer_config.json's do_lower_case): an uncased vocabulary's.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>
    /// Whether the tokenizer strips accents (tokenizer_config.json's strip_accents); BERT's rule when it does not
    /// say is to strip them whenever it lower-cases.
    /// </summary>
    public bool StripAccents { get; init; } = true;

    /// <summary>
    /// sentence-transformers' own extra step (sentence_bert_config.json's do_lower_case): lower-case the text before
    /// the tokenizer sees it. It adds to the tokenizer's setting and never turns it off.
    /// </summary>
    public bool LowerCaseFirst { get; init; }

    /// <summary>The prompt sentence-transformers puts before queries (config_sentence_transformers.json's prompts.query).</summary>
    public string QueryPrompt { get; init; } = "";

    /// <summary>The prompt before passages: prompts.document, or prompts.passage as some exports name it.</summary>
    public string PassagePrompt { get; init; } = "";

    public static EmbeddingModelConfig Load(string folder)
    {
        var model = new[] { "model.onnx", Path.Combine("onnx", "model.onnx") }.Select(p => Path.Combine(folder, p)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{folder} holds no model.onnx (nor onnx/model.onnx).");
        var vocabulary = Path.Combine(folder, "vocab.txt");
        if (!File.Exists(vocabulary))
        {
            throw new FileNotFoundException($"{folder} holds no vocab.txt; DocShelf reads WordPiece (BERT-family) models only.");
        }

        var pooling = ModelJson.Read(folder, "1_Pooling/config.json");
        var sentenceBert = ModelJson.Read(folder, "sentence_bert_config.json");
        var tokenizer = ModelJson.Read(folder, "tokenizer_config.json");
        var config = ModelJson.Read(folder, "config.json");
        var prompts = ModelJson.Property(ModelJson.Read(folder, "config_sentence_transformers.json"), "prompts");
        var maxTokens = ModelJson.Number(sentenceBert, "max_seq_length") ?? ModelJson.Number(tokenizer, "model_max_length") ?? 512;
        var positions = ModelJson.Number(config, "max_position_embeddings") ?? maxTokens;
        var lowerCase = ModelJson.Flag(tokenizer, "do_lower_case") ?? true;
        return new EmbeddingModelConfig
        {
            ModelPath = model,
            VocabularyPath = vocabulary,
            Pooling = ModelJson.Flag(pooling, "pooling_mode_cls_token") == true ? Pooling.Cls : Pooling.Mean,
            Normalize = ReadModules(folder).Any(type => type.EndsWith(".Normalize", StringComparison.Ordinal)),
            MaxTokens = Math.Clamp(Math.Min(maxTokens, positions), 8, 8192),
            LowerCase = lowerCase,
            StripAccents = ModelJson.Flag(tokenizer, "strip_accents") ?? lowerCase,
            LowerCaseFirst = ModelJson.Flag(sentenceBert, "do_lower_case") ?? false,
            QueryPrompt = ModelJson.Text(prompts, "query") ?? "",
            PassagePrompt = ModelJson.Text(prompts, "document") ?? ModelJson.Text(prompts, "passage") ?? "",
        };
    }

    private static IEnumerable<string> ReadModules(string folder) =>
        ModelJson.Read(folder, "modules.json") is { ValueKind: JsonValueKind.Array } modules
            ? modules.EnumerateArray().Select(m => m.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "")
            : [];
}
