using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Office;
using DocShelf.Web.Security;

namespace DocShelf.Web.Tests;

[Collection(WebShelfCollection.Name)]
public sealed class UploadApiTests(WebShelf shelf) : IDisposable
{
    private const long Limit = 64 * 1024;

    private readonly DocShelf.Fixtures.TempFolder uploads = new();

    [Fact]
    public async Task Uploaded_files_land_in_the_first_inbox_complete_and_under_their_own_names()
    {
        using var target = Target();
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files(("minutes.txt", "The council met at nine."u8.ToArray())));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("The council met at nine.", await File.ReadAllTextAsync(Path.Combine(target.Inbox, "minutes.txt")));
        Assert.Empty(Directory.GetFiles(target.Inbox, ".upload-*"));
    }

    [Fact]
    public async Task A_second_file_of_the_same_name_does_not_replace_the_first()
    {
        using var target = Target();
        var client = target.Factory.CreateClient();
        await client.PostFromPageAsync("/api/upload", Files(("notes.txt", "first"u8.ToArray())));
        await client.PostFromPageAsync("/api/upload", Files(("notes.txt", "second"u8.ToArray())));

        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(target.Inbox, "notes.txt")));
        Assert.Equal("second", await File.ReadAllTextAsync(Path.Combine(target.Inbox, "notes (2).txt")));
    }

    [Theory]
    [InlineData("../../escaped.txt", "escaped.txt")]
    [InlineData("..\\..\\windows.txt", "windows.txt")]
    [InlineData("/etc/cron.d/job.txt", "job.txt")]
    [InlineData(".hidden.txt", "hidden.txt")]
    [InlineData("-rf.txt", "rf.txt")]
    [InlineData("~$lock.docx.txt", "lock.docx.txt")] // "~$" names are skipped by the inbox walk
    [InlineData("invoice\u202Etxt.exe.txt", "invoicetxt.exe.txt")] // a right-to-left override would disguise the name
    public async Task Names_with_folders_in_them_stay_inside_the_inbox(string sent, string saved)
    {
        using var target = Target();
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files((sent, "A note."u8.ToArray())));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([saved], Directory.GetFiles(target.Inbox, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(target.Root, "escaped.txt")));
    }

    [Theory]
    [InlineData("empty.pdf", "", "empty")]
    [InlineData("minutes.part", "A note.", "partial download")] // a name the inbox walk would skip
    public async Task A_file_that_would_never_be_read_is_refused_with_the_reason(string name, string text, string reason)
    {
        using var target = Target();
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files((name, Encoding.UTF8.GetBytes(text))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.DetailAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target.Inbox));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_and_leaves_nothing_behind()
    {
        using var target = Target();
        var big = Encoding.UTF8.GetBytes(new string('x', (int)Limit + 1));
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files(("big.txt", big)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Directory.GetFiles(target.Inbox, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("no boundary")]
    [InlineData("truncated")]
    [InlineData("too many parts")]
    [InlineData("long part header")]
    public async Task Malformed_multipart_is_refused_with_400_and_the_reason(string fault)
    {
        using var target = Target();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload") { Content = MalformedForm(fault) };
        request.Headers.Add(CrossSiteGuard.HeaderName, CrossSiteGuard.HeaderValue);

        var response = await target.Factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The upload is not well-formed multipart/form-data: ", await response.DetailAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target.Inbox, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_of_a_type_the_shelf_cannot_read_is_refused()
    {
        using var target = Target();
        byte[] executable = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFE, 0x00];
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files(("tool.pdf", executable)));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(Directory.GetFiles(target.Inbox));
    }

    [Fact]
    public async Task An_upload_without_files_is_refused()
    {
        using var target = Target();
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", new MultipartFormDataContent { { new StringContent("x"), "note" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_upload_is_refused()
    {
        using var target = Target();
        var client = target.Factory.CreateClient();

        // A form on another site: no page header, the browser names the other origin.
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/upload") { Content = Files(("forged.txt", "x"u8.ToArray())) };
        forged.Headers.Add("Origin", "https://attacker.example");
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await client.SendAsync(forged);

        // Even with the page's header, another origin may not post.
        var scripted = new HttpRequestMessage(HttpMethod.Post, "/api/upload") { Content = Files(("scripted.txt", "x"u8.ToArray())) };
        scripted.Headers.Add("X-DocShelf-Request", "1");
        scripted.Headers.Add("Origin", "https://attacker.example");
        var scriptedResponse = await client.SendAsync(scripted);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, scriptedResponse.StatusCode);
        Assert.Empty(Directory.GetFiles(target.Inbox));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("yes please")]
    public async Task The_pages_header_must_carry_the_pages_value(string value)
    {
        using var target = Target();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload") { Content = Files(("headed.txt", "x"u8.ToArray())) };
        request.Headers.TryAddWithoutValidation("X-DocShelf-Request", value);

        var response = await target.Factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(Directory.GetFiles(target.Inbox));
    }

    [Fact]
    public async Task A_name_too_long_for_the_file_system_is_shortened_whole_characters_and_extension_kept()
    {
        using var target = Target();
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files((new string('é', 250) + ".txt", "A note."u8.ToArray())));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var saved = Path.GetFileName(Assert.Single(Directory.GetFiles(target.Inbox)));
        Assert.EndsWith(".txt", saved, StringComparison.Ordinal);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(saved), 100, 200);
        Assert.Matches("^é+\\.txt$", saved);
    }

    [Fact]
    public async Task Twenty_uploads_of_one_name_at_once_keep_twenty_files()
    {
        using var target = Target();
        var client = target.Factory.CreateClient();

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.PostFromPageAsync("/api/upload", Files(("same.txt", System.Text.Encoding.UTF8.GetBytes($"note number {i}"))))));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var contents = Directory.GetFiles(target.Inbox).Select(File.ReadAllText).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"note number {i}").Order(StringComparer.Ordinal), contents);
    }

    [Fact]
    public async Task Office_files_books_and_mail_are_taken_judged_by_what_their_bytes_hold()
    {
        using var target = Target();
        using var scratch = new TempFolder();
        var docx = scratch.File("minutes.docx");
        DocxWriter.Write(docx, OfficeText.Sample("council-minutes-1911.txt", "Council minutes"));
        var epub = scratch.File("book");
        EpubWriter.Write(epub, OfficeText.Sample("ferry-notice.txt", "Ferry notice"), ["Notice"]);

        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files(
            ("minutes.docx", await File.ReadAllBytesAsync(docx)),
            ("book-without-a-name", await File.ReadAllBytesAsync(epub)),
            ("letter.eml", "From: Josiah Penhallow <hm@eastwick.example>\r\nDate: Fri, 2 Mar 2001 10:15:00 +0000\r\nSubject: Dues\r\n\r\nThe dues are paid."u8.ToArray())));
        var outcomes = (await response.JsonAsync()).EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.All(outcomes.Values, o => Assert.Equal("added", o.GetProperty("status").GetString()));
        Assert.Equal(["docx", "email", "epub"], outcomes.Values.Select(o => o.GetProperty("kind").GetString()).Order());
    }

    [Fact]
    public async Task In_a_drop_of_several_files_a_refused_one_keeps_its_reason_and_the_others_go_in()
    {
        using var target = Target();
        byte[] executable = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00];
        var response = await target.Factory.CreateClient().PostFromPageAsync(
            "/api/upload", Files(("minutes.txt", "The council met at nine."u8.ToArray()), ("tool.pdf", executable), ("empty.txt", [])));
        var outcomes = (await response.JsonAsync()).EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("added", outcomes["minutes.txt"].GetProperty("status").GetString());
        Assert.Equal("refused", outcomes["tool.pdf"].GetProperty("status").GetString());
        Assert.Contains("is not a kind of file DocShelf reads: PDF, PNG, JPEG, TIFF", outcomes["tool.pdf"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("DOCX", outcomes["tool.pdf"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("empty", outcomes["empty.txt"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(["minutes.txt"], Directory.GetFiles(target.Inbox).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_file_already_on_the_shelf_is_named_as_it_is_there_and_not_written_again()
    {
        using var target = Target();
        var copy = await File.ReadAllBytesAsync(Path.Combine(shelf.Outside, "private.txt"));
        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files(("note copy.txt", copy)));
        var outcome = Assert.Single((await response.JsonAsync()).EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alreadyOnShelf", outcome.GetProperty("status").GetString());
        Assert.Equal("private.txt", outcome.GetProperty("existingName").GetString());
        Assert.Equal(shelf.Id("private.txt"), outcome.GetProperty("documentId").GetString());
        Assert.Empty(Directory.GetFiles(target.Inbox));
    }

    [Fact]
    public async Task Without_an_inbox_there_is_nowhere_to_upload()
    {
        using var factory = new ShelfApiFactory(shelf.Shelf, shelf.Board, new WebOptions());
        var response = await factory.CreateClient().PostFromPageAsync("/api/upload", Files(("a.txt", "a"u8.ToArray())));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    public void Dispose() => uploads.Dispose();

    private static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return form;
    }

    /// <summary>A multipart body broken in the way <paramref name="fault"/> names.</summary>
    private static ByteArrayContent MalformedForm(string fault)
    {
        const string file = "--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n";
        var body = fault switch
        {
            "no boundary" => file + "\r\nA note.\r\n--b--\r\n",
            "truncated" => file + "\r\nA note that stops half-w",
            "too many parts" => string.Concat(Enumerable.Repeat("--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n", 1025)) + "--b--\r\n",
            "long part header" => file + "X-Note: " + new string('x', 20_000) + "\r\n\r\nA note.\r\n--b--\r\n",
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", fault == "no boundary" ? "multipart/form-data" : "multipart/form-data; boundary=b");
        return content;
    }

    [Fact]
    public async Task An_upload_to_an_inbox_that_is_gone_is_refused_with_where_it_should_be()
    {
        using var target = Target();
        Directory.Delete(target.Inbox);

        var response = await target.Factory.CreateClient().PostFromPageAsync("/api/upload", Files(("minutes.txt", "Minutes."u8.ToArray())));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"The upload inbox {target.Inbox} does not exist", await response.DetailAsync(), StringComparison.Ordinal);
    }

    /// <summary>A server whose first inbox is a fresh folder, so each test sees only its own uploads.</summary>
    private UploadTarget Target()
    {
        var root = uploads.Folder(Guid.NewGuid().ToString("N"));
        var inbox = Directory.CreateDirectory(Path.Combine(root, "inbox")).FullName;
        return new UploadTarget(root, inbox, new ShelfApiFactory(shelf.Shelf, shelf.Board, new WebOptions { MaxUploadBytes = Limit, Inboxes = [inbox, shelf.Inbox] }));
    }

    private sealed record UploadTarget(string Root, string Inbox, ShelfApiFactory Factory) : IDisposable
    {
        public void Dispose() => Factory.Dispose();
    }
}
