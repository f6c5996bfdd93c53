using System.Text.RegularExpressions;
using DocShelf.Answering.Answers;
using DocShelf.Core.Documents;
using DocShelf.Search.Store;

namespace DocShelf.Answering.Citing;

/// <summary>Turns a span of a chunk into a citation: its document, page, the words quoted and their boxes on the page.</summary>
public sealed partial class CitationBuilder(ShelfStore store)
{
    /// <summary>The span's text with the page layout's line breaks and runs of spaces made single spaces.</summary>
    public static string Quote(Chunk chunk, int start, int end) => Whitespace().Replace(chunk.Text[start..end], " ");

    /// <param name="start">Start of the quoted span, as an offset into the chunk's text.</param>
    /// <param name="end">End of the quoted span, likewise.</param>
    public Citation Cite(int number, Chunk chunk, int start, int end)
    {
        var page = store.FindPage(chunk.DocumentId, chunk.PageNumber);
        var from = chunk.Start + start;
        var to = chunk.Start + end;
        return new Citation
        {
            Number = number,
            DocumentId = chunk.DocumentId,
            Path = store.FindDocument(chunk.DocumentId)?.PrimaryPath ?? "",
            Page = chunk.PageNumber,
            ChunkId = chunk.Id,
            Quote = Quote(chunk, start, end),
            Boxes = page?.Words.Where(w => w.Start >= from && w.Start < to).Select(w => w.Box).ToList() ?? [],
            PageWidth = page?.Width ?? 0,
            PageHeight = page?.Height ?? 0,
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
