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

    /// <summary>Publishes a document whose pages hold the given texts, one chunk per page.</summary>
    public static DocumentRecord Publish(ShelfWriter writer, string id, string path, params string[] pageTexts)
    {
        var pages = pageTexts.Select((text, i) => new PageContent { Number = i + 1, Source = PageSource.PlainText, Text = text }).ToList();
        var chunks = pages.Select(p => new Chunk
        {
            Id = Chunk.MakeId(id, p.Number, 0), DocumentId = id, PageNumber = p.Number, Start = 0, End = p.Text.Length, Text = p.Text,
        }).ToList();
        var record = Document(id, path) with { PageCount = pages.Count, ChunkCount = chunks.Count };
        writer.Publish(record, path, pages, chunks);
        writer.Commit();
        return record;
    }
}
