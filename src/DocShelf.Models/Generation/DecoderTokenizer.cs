using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace DocShelf.Models.Generation;

/// <summary>
/// A decoder model's byte-level BPE tokenizer, built by Microsoft.ML.Tokenizers from the export's tokenizer.json,
/// or from vocab.json and merges.txt. Special tokens (end of text, chat markers) are matched whole in a prompt and
/// left out when text is decoded.
/// </summary>
public sealed partial class DecoderTokenizer
{
    private readonly BpeTokenizer tokenizer;

    private DecoderTokenizer(BpeTokenizer tokenizer, IReadOnlyDictionary<string, int> specialTokens)
    {
        this.tokenizer = tokenizer;
        SpecialTokens = specialTokens;
    }

    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    public static DecoderTokenizer Load(string folder, IReadOnlyList<int> endTokenIds)
    {
        var json = ModelJson.Read(folder, "tokenizer.json");
        var model = ModelJson.Property(json, "model");
        var vocabulary = model is { } m ? Vocabulary(m) : ReadVocabulary(folder);
        var merges = model is { } n ? Merges(n) : ReadMerges(folder);
        var specials = new Dictionary<string, int>(StringComparer.Ordinal);
        AddedTokens(json, ModelJson.Read(folder, "tokenizer_config.json"), specials);
        foreach (var (token, id) in vocabulary.Where(entry => endTokenIds.Contains(entry.Value)))
        {
            specials.TryAdd(token, id);
        }

        var tokenizer = BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            SpecialTokens = specials,
            PreTokenizer = new RegexPreTokenizer(SplitPattern(json) is { } pattern ? new Regex(pattern, RegexOptions.Compiled) : Gpt2Pattern(), specials),
        });
        return new DecoderTokenizer(tokenizer, specials);
    }

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text);

    /// <summary>The text of <paramref name="ids"/>, special tokens left out. A character cut in half by the last token shows as U+FFFD.</summary>
    public string Decode(IEnumerable<int> ids) => tokenizer.Decode(ids, considerSpecialTokens: false);

    private static Dictionary<string, int> Vocabulary(JsonElement model) =>
        ModelJson.Property(model, "vocab") is { ValueKind: JsonValueKind.Object } vocab
            ? vocab.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal)
            : throw new InvalidDataException("tokenizer.json has no BPE vocabulary (model.vocab); DocShelf reads byte-level BPE tokenizers only.");

    private static List<string> Merges(JsonElement model) =>
        ModelJson.Property(model, "merges") is { ValueKind: JsonValueKind.Array } merges
            ? [.. merges.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Array ? string.Join(' ', m.EnumerateArray().Select(p => p.GetString())) : m.GetString() ?? "")]
            : throw new InvalidDataException("tokenizer.json has no BPE merges (model.merges).");

    private static Dictionary<string, int> ReadVocabulary(string folder)
    {
        var path = Path.Combine(folder, "vocab.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{folder} holds neither tokenizer.json nor vocab.json.");
        }

        return JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    private static List<string> ReadMerges(string folder)
    {
        var path = Path.Combine(folder, "merges.txt");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{folder} has vocab.json but no merges.txt beside it.");
        }

        return [.. File.ReadLines(path).Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal))];
    }

    /// <summary>added_tokens of tokenizer.json, and added_tokens_decoder of tokenizer_config.json.</summary>
    private static void AddedTokens(JsonElement? tokenizerJson, JsonElement? tokenizerConfig, Dictionary<string, int> specials)
    {
        if (ModelJson.Property(tokenizerJson, "added_tokens") is { ValueKind: JsonValueKind.Array } added)
        {
            foreach (var token in added.EnumerateArray())
            {
                if (ModelJson.Text(token, "content") is { } content && ModelJson.Number(token, "id") is { } id)
                {
                    specials.TryAdd(content, id);
                }
            }
        }

        if (ModelJson.Property(tokenizerConfig, "added_tokens_decoder") is { ValueKind: JsonValueKind.Object } decoder)
        {
            foreach (var entry in decoder.EnumerateObject())
            {
                if (ModelJson.Text(entry.Value, "content") is { } content && int.TryParse(entry.Name, out var id))
                {
                    specials.TryAdd(content, id);
                }
            }
        }
    }

    /// <summary>The splitting pattern a tokenizer.json gives its pre-tokenizer (Qwen's and Llama 3's differ from GPT-2's).</summary>
    private static string? SplitPattern(JsonElement? json)
    {
        var pending = new Stack<JsonElement>();
        if (ModelJson.Property(json, "pre_tokenizer") is { } root)
        {
            pending.Push(root);
        }

        while (pending.TryPop(out var node))
        {
            if (ModelJson.Text(node, "type") == "Split" && ModelJson.Property(node, "pattern") is { } pattern && ModelJson.Text(pattern, "Regex") is { } regex)
            {
                return regex;
            }

            if (ModelJson.Property(node, "pretokenizers") is { ValueKind: JsonValueKind.Array } children)
            {
                foreach (var child in children.EnumerateArray().Reverse())
                {
                    pending.Push(child);
                }
            }
        }

        return null;
    }

    /// <summary>GPT-2's split: contractions, letters, digits, other symbols, each with the space before it.</summary>
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2Pattern();
}
