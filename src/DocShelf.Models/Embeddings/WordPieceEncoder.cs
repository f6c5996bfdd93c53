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

    /// <summary>The text's ids as the model takes them: [CLS], the word pieces cut to fit, [SEP].</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        var pieces = Pieces(text);
        return Wrap(pieces, 0, Math.Min(pieces.Count, maxTokens - 2));
    }

    /// <summary>
    /// The whole text as windows the model can take, each [CLS], a run of word pieces, [SEP]; a quarter of each
    /// window repeats the end of the one before, so no sentence is only ever seen cut in two. Text that fits is one
    /// window, the same as <see cref="Encode"/> gives.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> EncodeWindows(string text)
    {
        var pieces = Pieces(text);
        var width = maxTokens - 2;
        if (pieces.Count <= width)
        {
            return [Wrap(pieces, 0, pieces.Count)];
        }

        var stride = Math.Max(1, width * 3 / 4);
        var windows = new List<IReadOnlyList<int>>();
        for (var start = 0; ; start += stride)
        {
            var length = Math.Min(width, pieces.Count - start);
            windows.Add(Wrap(pieces, start, length));
            if (start + length >= pieces.Count)
            {
                return windows;
            }
        }
    }

    private IReadOnlyList<int> Pieces(string text)
    {
        var spaced = BertWordSplitter.SpaceOutLineBreaks(text);
        var cased = lowerCaseFirst ? spaced.ToLowerInvariant() : spaced;

        // The tokenizer drops combining marks but does not decompose "é" into "e" and its accent first; BERT does.
        var prepared = stripAccents ? cased.Normalize(NormalizationForm.FormD) : cased;
        return tokenizer.EncodeToIds(prepared, addSpecialTokens: false);
    }

    private int[] Wrap(IReadOnlyList<int> pieces, int start, int length)
    {
        var ids = new int[length + 2];
        ids[0] = tokenizer.ClassificationTokenId;
        for (var i = 0; i < length; i++)
        {
            ids[i + 1] = pieces[start + i];
        }

        ids[^1] = tokenizer.SeparatorTokenId;
        return ids;
    }
}
