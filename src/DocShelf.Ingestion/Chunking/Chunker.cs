using DocShelf.Core.Documents;
using DocShelf.Core.Text;

namespace DocShelf.Ingestion.Chunking;

/// <summary>
/// Cuts one page into chunks that end at sentence boundaries where they can, overlap a little, and carry
/// their character offsets and the boxes of the words they cover. Chunks never cross pages, so every hit
/// cites exactly one page.
/// </summary>
public sealed class Chunker
{
    private readonly ChunkingOptions options;

    public Chunker(ChunkingOptions options)
    {
        options.Validate();
        this.options = options;
    }

    public IReadOnlyList<Chunk> Split(string documentId, PageContent page)
    {
        var text = page.Text;
        var sentences = SentenceBoundaries.Starts(text);
        var chunks = new List<Chunk>();
        var start = SkipWhitespace(text, 0);
        while (start < text.Length)
        {
            var end = ChunkEnd(text, start, sentences);
            var trimmedEnd = TrimEnd(text, start, end);
            chunks.Add(new Chunk
            {
                Id = Chunk.MakeId(documentId, page.Number, chunks.Count),
                DocumentId = documentId,
                PageNumber = page.Number,
                Start = start,
                End = trimmedEnd,
                Text = text[start..trimmedEnd],
            });
            start = end >= text.Length ? text.Length : SkipWhitespace(text, NextStart(text, start, end, sentences));
        }

        return chunks;
    }

    /// <summary>The last sentence start that fits, unless that leaves the chunk too short; else the last word break.</summary>
    private int ChunkEnd(string text, int start, IReadOnlyList<int> sentences)
    {
        var limit = start + options.MaxCharacters;
        if (limit >= text.Length)
        {
            return text.Length;
        }

        var sentence = LastAtOrBefore(sentences, limit);
        if (sentence > start + (options.MaxCharacters / 4))
        {
            return sentence;
        }

        var space = text.LastIndexOfAny([' ', '\n', '\t'], limit, limit - start);
        return space > start ? space : limit;
    }

    /// <summary>Starts the next chunk at the earliest sentence within the overlap, or a word within it.</summary>
    private int NextStart(string text, int start, int end, IReadOnlyList<int> sentences)
    {
        var overlapFrom = end - options.OverlapCharacters;
        if (options.OverlapCharacters == 0 || overlapFrom <= start)
        {
            return end;
        }

        var sentence = FirstAtOrAfter(sentences, overlapFrom);
        if (sentence > start && sentence < end)
        {
            return sentence;
        }

        var space = text.IndexOfAny([' ', '\n', '\t'], overlapFrom, end - overlapFrom);
        return space > start ? space : end;
    }

    private static int LastAtOrBefore(IReadOnlyList<int> sorted, int value)
    {
        var found = -1;
        foreach (var item in sorted)
        {
            if (item > value)
            {
                break;
            }

            found = item;
        }

        return found;
    }

    private static int FirstAtOrAfter(IReadOnlyList<int> sorted, int value) => sorted.FirstOrDefault(item => item >= value, -1);

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }
}
