using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Mail;
using DocShelf.Fixtures.Office;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion.Running;
using DocShelf.Rendering;
using MimeKit;

namespace DocShelf.Ingestion.Tests.Formats;

/// <summary>
/// E-mail as its program shows it: sender, recipients, date and subject searchable, the body as text, and every
/// attachment a document of its own that knows which message it came from (a scanned PDF OCR'd, a forwarded message
/// read with its own attachment). Held to Python's email package, which DocShelf does not contain.
/// </summary>
public sealed class MailReadingTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Sent = new(1894, 3, 2, 10, 15, 0, TimeSpan.Zero);

    private readonly IngestionHarness shelf = new();
    private readonly TempFolder scratch = new();

    [Fact]
    public async Task A_message_is_its_headers_and_body_with_each_attachment_a_document_that_names_the_message()
    {
        var path = shelf.InboxFile("dues.eml");
        MailWriter.Write(path, await MessageWithAttachmentsAsync());

        var summary = await shelf.IngestAsync(path);

        var message = Document(summary, path);
        Assert.Equal("Re: harbour dues", message.Title);
        Assert.Equal("1894-03-02", message.Dated);
        var children = Children(message.Id);
        Assert.Equal(["scan of the dues ledger.pdf", "minutes.docx", "Fwd: the breakwater lamp.eml"], children.Select(c => c.PrimaryPath.Split('/')[^1]));
        Assert.All(children, c => Assert.Equal(DocumentStatus.Indexed, c.Status));
        Assert.Equal("attachment 1 of 3 of 'Re: harbour dues', 2 March 1894", children[0].Origin!.Describe());
        Assert.Equal(1, children[0].OcrPageCount);
        Assert.Contains("dues ledger", PageText(children[0]), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(FileKind.Docx, children[1].Kind);
        var inner = Assert.Single(Children(children[2].Id));
        Assert.Equal("lamp-notice.txt", inner.PrimaryPath.Split('/')[^1]);
        Assert.Contains("red light", PageText(inner), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_s_sender_subject_and_attachment_words_are_searchable_and_hits_say_where_they_came_from()
    {
        var path = shelf.InboxFile("dues.eml");
        MailWriter.Write(path, await MessageWithAttachmentsAsync());
        await shelf.IngestAsync(path);

        var bySender = shelf.Shelf.Searcher.Search("Penhallow", 10);
        var inAttachment = shelf.Shelf.Searcher.Search("temporary red light breakwater", 10);

        Assert.Contains(bySender, h => h.Title == "Re: harbour dues" && h.Origin is null);
        var hit = inAttachment.First(h => h.Origin is not null && h.Origin.StartsWith("attachment 1 of 1 of 'Fwd: the breakwater lamp'", StringComparison.Ordinal));
        Assert.Equal(1, hit.Page);
    }

    [Fact]
    public async Task A_message_reads_as_Python_s_email_package_reads_its_headers_body_and_attachment_names()
    {
        var path = shelf.InboxFile("dues.eml");
        MailWriter.Write(path, await MessageWithAttachmentsAsync());
        var summary = await shelf.IngestAsync(path);

        var reference = await Tool.RunAsync("/usr/bin/python3", "-c", PythonReader, path);

        var ours = PageText(Document(summary, path));
        var accuracy = WordAccuracy.Of(reference, ours);
        output.WriteLine($".eml against Python's email package: {accuracy:0.000}");
        Assert.True(accuracy >= 0.95, $"{accuracy:0.000}\n--- python\n{reference}\n--- DocShelf\n{ours}");
    }

    [Fact]
    public async Task An_Outlook_message_reads_as_msgconvert_and_Python_s_email_package_read_it_with_its_attachment_a_document()
    {
        var path = shelf.InboxFile("dues.msg");
        OutlookMessageWriter.Write(path, "Harbour dues for March", Sent, "Dear Miss Marlowe,\r\nThe ledger for March is attached.\r\nJ. Penhallow",
            [("ledger.txt", "Dues received in March: forty pounds from the colliers."u8.ToArray())]);
        var converted = scratch.File("reference.eml");
        await Tool.RunAsync("msgconvert", "--outfile", converted, path);
        var reference = await Tool.RunAsync("/usr/bin/python3", "-c", PythonReader, converted);

        var summary = await shelf.IngestAsync(path);

        var message = Document(summary, path);
        Assert.Equal(FileKind.OutlookMessage, message.Kind);
        Assert.Equal("Harbour dues for March", message.Title);
        Assert.Equal("1894-03-02", message.Dated);
        var ours = PageText(message);
        var accuracy = WordAccuracy.Of(reference, ours);
        output.WriteLine($".msg against msgconvert and Python's email package: {accuracy:0.000}");
        Assert.True(accuracy >= 0.95, $"{accuracy:0.000}\n--- msgconvert and python\n{reference}\n--- DocShelf\n{ours}");
        var ledger = Assert.Single(Children(message.Id));
        Assert.Contains("forty pounds", PageText(ledger), StringComparison.Ordinal);
        Assert.Equal("attachment 1 of 1 of 'Harbour dues for March', 2 March 1894", ledger.Origin!.Describe());
    }

    [Fact]
    public async Task An_html_only_message_is_read_as_the_text_it_shows_without_its_markup_or_scripts()
    {
        var path = shelf.InboxFile("notice.eml");
        MailWriter.Write(path, MailWriter.Message("Notice to mariners", Sent,
            "<html><head><style>p { color: red }</style><script>var tracker = 'scriptwords';</script></head><body><p>The <b>breakwater</b> lamp is relit.</p></body></html>",
            html: true));

        var summary = await shelf.IngestAsync(path);

        var text = PageText(Document(summary, path));
        Assert.Contains("The breakwater lamp is relit.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("scriptwords", text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_message_of_a_mailbox_is_a_document_dated_by_its_message_and_the_mailbox_lists_them()
    {
        var path = shelf.InboxFile("harbour.mbox");
        MailWriter.WriteMailbox(path,
        [
            MailWriter.Message("Dues for March", Sent, "The dues for March came to forty pounds."),
            MailWriter.Message("Lamp relit", Sent.AddMonths(1), "The lamp on the breakwater was relit on the first."),
            MailWriter.Message("Dredging", Sent.AddYears(1), "The dredger arrives in May.", false,
                MailWriter.Attachment("estimate.txt", "text/plain", "Dredging estimate: nine hundred pounds."u8.ToArray())),
        ]);

        var summary = await shelf.IngestAsync(path);

        var mailbox = Document(summary, path);
        Assert.Equal(FileKind.Mbox, mailbox.Kind);
        var messages = Children(mailbox.Id);
        Assert.Equal(["1894-03-02", "1894-04-02", "1895-03-02"], messages.Select(m => m.Dated));
        Assert.Equal("message 2 of 3 in harbour.mbox", messages[1].Origin!.Describe());
        Assert.Contains("Lamp relit", PageText(mailbox), StringComparison.Ordinal);
        Assert.Single(Children(messages[2].Id));
        var dated = shelf.Shelf.Searcher.Search("dredger OR dues OR lamp", 10, new SearchFilters { DatedFromYear = 1895 });
        Assert.All(dated, h => Assert.Equal("Dredging", shelf.Shelf.Store.FindDocument(h.DocumentId)!.Title ?? shelf.Shelf.Store.FindDocument(shelf.Shelf.Store.FindDocument(h.DocumentId)!.Origin!.ParentId)!.Title));
        Assert.NotEmpty(dated);
    }

    [Fact]
    public async Task Removing_a_message_s_file_takes_its_attachments_off_the_shelf_with_it()
    {
        var path = shelf.InboxFile("dues.eml");
        MailWriter.Write(path, await MessageWithAttachmentsAsync());
        var summary = await shelf.IngestAsync(path);
        var message = Document(summary, path);
        var inside = Children(message.Id).SelectMany(c => Children(c.Id).Prepend(c)).Select(c => c.Id).ToList();

        shelf.Shelf.Writer!.Forget(path);
        shelf.Shelf.Writer.Commit();

        Assert.Equal(4, inside.Count);
        Assert.All(inside.Append(message.Id), id => Assert.Null(shelf.Shelf.Store.FindDocument(id)));
        Assert.Empty(shelf.Shelf.Searcher.Search("red light breakwater", 10));
    }

    private async Task<MimeMessage> MessageWithAttachmentsAsync()
    {
        var scan = scratch.File("scan.pdf");
        using (var page = PageRasteriser.Render("The dues ledger for March 1894 shows forty pounds received from colliers.", ScanStyle.Clean))
        {
            PdfWriter.Write(scan, [PdfPage.Scanned(page)], "Scan");
        }

        var docx = scratch.File("minutes.docx");
        DocxWriter.Write(docx, OfficeText.Sample("council-minutes-1911.txt", "Council minutes"));
        var forwarded = MailWriter.Message("Fwd: the breakwater lamp", Sent.AddDays(-3), "See the notice below.", false,
            MailWriter.Attachment("lamp-notice.txt", "text/plain", "A temporary red light will be shown from the breakwater head."u8.ToArray()));
        return MailWriter.Message("Re: harbour dues", Sent, "Dear Miss Marlowe,\n\nThe dues ledger is attached, with the council minutes.\n\nYours, J. Penhallow", false,
            MailWriter.Attachment("scan of the dues ledger.pdf", "application/pdf", await File.ReadAllBytesAsync(scan)),
            MailWriter.Attachment("minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", await File.ReadAllBytesAsync(docx)),
            MailWriter.Forwarded(forwarded));
    }

    /// <summary>Python's email package: sender, recipient, subject, the plain body and the attachments' names.</summary>
    private const string PythonReader = """
        import sys
        from email import policy
        from email.parser import BytesParser
        message = BytesParser(policy=policy.default).parse(open(sys.argv[1], 'rb'))
        for name in ('From', 'To', 'Date', 'Subject'):
            print(name + ': ' + str(message[name]))
        print(message.get_body(preferencelist=('plain', 'html')).get_content())
        print('Attachments:')
        for i, part in enumerate(message.iter_attachments(), 1):
            name = part.get_filename() or (part.get_content()['Subject'] + '.eml' if part.get_content_type() == 'message/rfc822' else 'attachment')
            print(str(i) + '. ' + name)
        """;

    private DocumentRecord Document(IngestionSummary summary, string path)
    {
        var outcome = summary.Files.Single(f => f.Path == path);
        Assert.True(outcome.Status == FileStatus.Indexed, outcome.Reason);
        return shelf.Shelf.Store.FindDocument(outcome.DocumentId)!;
    }

    private List<DocumentRecord> Children(string parentId) =>
        [.. shelf.Shelf.Store.AllDocuments().Where(d => d.Origin?.ParentId == parentId).OrderBy(d => d.Origin!.Position)];

    private string PageText(DocumentRecord document) => string.Join("\n", shelf.Shelf.Store.PagesOf(document.Id).Select(p => p.Text));

    public void Dispose()
    {
        shelf.Dispose();
        scratch.Dispose();
    }
}
