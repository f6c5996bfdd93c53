using DocShelf.Core.Documents;

namespace DocShelf.Search.Tests;

/// <summary>Builds small documents straight into a shelf, without ingestion, to test search and storage alone.</summary>
public static class ShelfBuilder
{
    public static DocumentRecord Document(string id, string path) => new()
    {
        Id = id,
        Sha256 = id.PadRight(64, '0'),
        Paths = [path],
        Kind = FileKind.PlainText,
        Status = DocumentStatus.Indexed,
        AddedUtc = DateTime.UtcNow,
    };

    /// <summary>Publishes a plain-text document whose pages hold the given texts, one chunk per page.</summary>
    public static DocumentRecord Publish(ShelfWriter writer, string id, string path, params string[] pageTexts) =>
        Publish(writer, Document(id, path), [.. pageTexts.Select(text => (PageSource.PlainText, text))]);

    /// <summary>Publishes <paramref name="record"/> with one chunk per page, each page read from the source given.</summary>
    public static DocumentRecord Publish(ShelfWriter writer, DocumentRecord record, params (PageSource Source, string Text)[] pageTexts)
    {
        var pages = pageTexts.Select((page, i) => new PageContent { Number = i + 1, Source = page.Source, Text = page.Text }).ToList();
        var chunks = pages.Select(p => new Chunk
        {
            Id = Chunk.MakeId(record.Id, p.Number, 0),
            DocumentId = record.Id,
            PageNumber = p.Number,
            Start = 0,
            End = p.Text.Length,
            Text = p.Text,
        }).ToList();
        record = record with { PageCount = pages.Count, ChunkCount = chunks.Count };
        writer.Publish(record, record.PrimaryPath, pages, chunks);
        writer.Commit();
        return record;
    }
}
