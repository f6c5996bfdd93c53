using System.Net;
using DocShelf.Core.Queue;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;

namespace DocShelf.Web.Tests;

/// <summary>Taking documents off the shelf from the page: the shelf forgets them, the files stay, and nothing reads them back.</summary>
public sealed class RemoveDocumentTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly Shelf shelf;

    public RemoveDocumentTests() =>
        shelf = Shelf.OpenForWriting(folder.Folder("data"), search: ConceptSearch.Setup());

    private string Inbox => folder.Folder("inbox");

    [Fact]
    public async Task A_removed_document_leaves_the_list_the_search_and_the_vectors_and_its_file_stays_unread()
    {
        var ferry = await ReadAsync("ferry.txt", "The ferry boat leaves at seven. Its fare is a penny.");
        await ReadAsync("gale.txt", "A gale closed the harbour.");
        using var app = Serve();
        var client = app.CreateClient();
        var vectorsBefore = shelf.Searcher.Semantic!.Vectors.Count;

        var response = await client.DeleteFromPageAsync($"/api/documents/{ferry}");
        var listed = (await (await client.GetAsync("/api/documents")).JsonAsync()).EnumerateArray().Select(d => d.GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gale.txt"], listed);
        Assert.Empty(shelf.Searcher.Search("ferry", 10));
        Assert.DoesNotContain(await shelf.Searcher.SearchAsync("boat", 10, null, Core.Search.SearchMode.Semantic), h => h.DocumentId == ferry);
        Assert.Equal(vectorsBefore - 1, shelf.Searcher.Semantic.Vectors.Count);
        Assert.Empty(shelf.Searcher.Semantic.Sentences!.ChunksOf(ferry));
        Assert.DoesNotContain(ferry, shelf.Searcher.Semantic.Sentences.Tally().Keys);
        var file = new FileInfo(Path.Combine(Inbox, "ferry.txt"));
        Assert.True(file.Exists);
        Assert.Equal(FileState.Removed, shelf.Queue.Find(file.FullName)!.State);
        Assert.False(shelf.Writer!.Enqueue(file.FullName, file.Length, file.LastWriteTimeUtc), "the same version is not queued again");
    }

    [Fact]
    public async Task Dismissing_a_quarantined_file_takes_it_out_of_the_quarantine()
    {
        var broken = await ReadAsync("broken.pdf", "%PDF-1.4\nnot really a PDF");
        using var app = Serve();
        var quarantinedBefore = shelf.Overview().Quarantine.Count;

        var response = await app.CreateClient().DeleteFromPageAsync($"/api/documents/{broken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 0), (quarantinedBefore, shelf.Overview().Quarantine.Count));
        Assert.True(File.Exists(Path.Combine(Inbox, "broken.pdf")));
    }

    [Fact]
    public async Task Removing_an_unknown_document_or_without_the_pages_header_is_refused()
    {
        using var app = Serve();
        var client = app.CreateClient();

        var unknown = await client.DeleteFromPageAsync("/api/documents/0123456789abcdef");
        var forged = await client.DeleteAsync("/api/documents/0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    public void Dispose()
    {
        shelf.Dispose();
        folder.Dispose();
    }

    private async Task<string> ReadAsync(string name, string text)
    {
        var path = Path.Combine(Inbox, name);
        await File.WriteAllTextAsync(path, text);
        using var chain = IngestionChain.Create(shelf, new IngestionOptions());
        await chain.Runner.RunAsync([path], new SilentObserver(), CancellationToken.None);
        await chain.Batcher!.FlushAsync(CancellationToken.None);
        return shelf.Store.AllDocuments().Single(d => d.Paths.Contains(path)).Id;
    }

    private ShelfApiFactory Serve() => new(shelf, new ServiceBoard(), new WebOptions { Inboxes = [Inbox] });
}
