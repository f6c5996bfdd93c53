using System.Text;
using Microsoft.ML.Tokenizers;

namespace DocShelf.Models.Embeddings;

/// <summary>Turns text into a BERT model's input ids: [CLS], the WordPiece ids cut to fit, [SEP].</summary>
public sealed class WordPieceEncoder(BertTokenizer tokenizer, int maxTokens, bool stripAccents, bool lowerCaseFirst)
{
    public int MaxTokens => maxTokens;

    public static WordPieceEncoder Create(EmbeddingModelConfig config) =>
        new(BertTokenizer.Create(config.VocabularyPath, Options(config)), config.MaxTokens, config.StripAccents, config.LowerCaseFirst);

    /// <summary>As <see cref="Create(EmbeddingModelConfig)"/>, with the vocabulary read from <paramref name="vocabulary"/>.</summary>
    public static WordPieceEncoder Create(EmbeddingModelConfig config, Stream vocabulary) =>
        new(BertTokenizer.Create(vocabulary, Options(config)), config.MaxTokens, config.StripAccents, config.LowerCaseFirst);

    private static BertOptions Options(EmbeddingModelConfig config) => new()
    {
        LowerCaseBeforeTokenization = config.LowerCase,
        RemoveNonSpacingMarks = config.StripAccents,
        ApplyBasicTokenization = true,
        IndividuallyTokenizeCjk = true,
        PreTokenizer = BertWordSplitter.Instance,
    };

    public IReadOnlyList<int> Encode(string text)
    {
        var spaced = BertWordSplitter.SpaceOutLineBreaks(text);
        var cased = lowerCaseFirst ? spaced.ToLowerInvariant() : spaced;

        // The tokenizer drops combining marks but does not decompose "é" into "e" and its accent first; BERT does.
        var prepared = stripAccents ? cased.Normalize(NormalizationForm.FormD) : cased;
        var pieces = tokenizer.EncodeToIds(prepared, addSpecialTokens: false);
        var kept = Math.Min(pieces.Count, maxTokens - 2);
        var ids = new int[kept + 2];
        ids[0] = tokenizer.ClassificationTokenId;
        for (var i = 0; i < kept; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = tokenizer.SeparatorTokenId;
        return ids;
    }
}
