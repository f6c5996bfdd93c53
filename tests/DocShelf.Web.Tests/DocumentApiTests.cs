using System.Net;
using DocShelf.Web.Files;

namespace DocShelf.Web.Tests;

[Collection(WebShelfCollection.Name)]
public sealed class DocumentApiTests(WebShelf shelf) : IDisposable
{
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    private readonly ShelfApiFactory app = shelf.Serve();

    [Fact]
    public async Task The_document_list_holds_every_document_with_its_status_and_reason()
    {
        var documents = (await (await app.CreateClient().GetAsync("/api/documents")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(7, documents.Count);
        var broken = documents.Single(d => d.GetProperty("name").GetString() == "broken.pdf");
        Assert.Equal("quarantined", broken.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(broken.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_document_shows_its_pages_and_how_each_was_read()
    {
        var detail = await (await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("lighthouse.png")}")).JsonAsync();

        Assert.Equal("png", detail.GetProperty("document").GetProperty("kind").GetString());
        var page = Assert.Single(detail.GetProperty("pages").EnumerateArray());
        Assert.Equal("ocr", page.GetProperty("source").GetString());
        Assert.True(detail.GetProperty("hasPageImages").GetBoolean());
    }

    [Fact]
    public async Task A_page_names_the_words_the_query_matches_with_boxes_on_the_page()
    {
        var view = await (await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("lighthouse.png")}/pages/1?q=warning+gun")).JsonAsync();

        var words = view.GetProperty("words");
        var matched = view.GetProperty("matches").EnumerateArray().Select(i => words[i.GetInt32()]).ToList();
        Assert.Equal(["gun", "warning"], matched.Select(w => w.GetProperty("text").GetString()!.ToLowerInvariant().Trim('.', ',')).Distinct().Order());
        Assert.All(matched, word =>
        {
            Assert.InRange(word.GetProperty("x").GetDouble(), 0, 1);
            Assert.InRange(word.GetProperty("y").GetDouble(), 0, 1);
            Assert.InRange(word.GetProperty("width").GetDouble(), 0.001, 0.5);
        });
    }

    [Theory]
    [InlineData("lighthouse.png", 1)]
    [InlineData("harbour report.pdf", 2)]
    [InlineData("upside-down scan.pdf", 1)]
    public async Task Page_images_are_drawn_as_jpeg_and_served_as_kept_in_the_data_folder(string name, int page)
    {
        var stored = shelf.Shelf.Store.FindPage(shelf.Id(name), page)!;
        var kept = shelf.Shelf.PageImages.PathOf(shelf.Id(name), stored);

        var response = await app.CreateClient().GetAsync($"/api/documents/{shelf.Id(name)}/pages/{page}/image");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JpegMagic, bytes[..3]);
        Assert.Equal(await File.ReadAllBytesAsync(kept), bytes);
    }

    [Fact]
    public async Task A_text_document_has_no_page_image()
    {
        var response = await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("guide.md")}/pages/1/image");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("text document", await response.DetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_original_is_served_byte_for_byte_to_open_in_the_browser()
    {
        var response = await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("harbour report.pdf")}/original");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("harbour report.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(shelf.Inbox, "harbour report.pdf")), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_original_a_user_named_to_ingest_outside_the_inboxes_is_served_too()
    {
        var response = await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("private.txt")}/original");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(shelf.Outside, "private.txt")), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/documents/0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("/api/documents/0123456789abcdef/original", HttpStatusCode.NotFound)]
    [InlineData("/api/documents/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [InlineData("/api/documents/..%2F..%2Fetc%2Fpasswd/original", HttpStatusCode.BadRequest)]
    [InlineData("/api/documents/%2Fetc%2Fpasswd/pages/1/image", HttpStatusCode.BadRequest)]
    [InlineData("/api/documents/0123456789ABCDEF", HttpStatusCode.BadRequest)]
    [InlineData("/api/documents/0123456789abcdef%0A", HttpStatusCode.BadRequest)]
    [InlineData("/api/documents/0123456789abcdef%0A/original", HttpStatusCode.BadRequest)]
    [InlineData("/api/documents/not-an-id/pages/1", HttpStatusCode.BadRequest)]
    public async Task Unknown_and_malformed_ids_get_clear_errors(string path, HttpStatusCode expected)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await response.DetailAsync()));
    }

    [Fact]
    public async Task Traversal_in_the_path_itself_never_reaches_a_file()
    {
        var response = await app.CreateClient().GetAsync("/api/documents/../../../../etc/passwd");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_beyond_the_last_is_not_found()
    {
        var response = await app.CreateClient().GetAsync($"/api/documents/{shelf.Id("harbour report.pdf")}/pages/9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("has no page 9", await response.DetailAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => app.Dispose();
}
