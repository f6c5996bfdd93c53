using System.Diagnostics;
using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Hostile;
using DocShelf.Fixtures.Mail;
using DocShelf.Fixtures.Office;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion.Readers.Office;
using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Tests.Formats;

/// <summary>
/// Office files, books and mail made to hurt a reader: each is refused with its reason, or read without harm, and the
/// files beside it are read all the same.
/// </summary>
public sealed class HostileDocumentTests : IDisposable
{
    private readonly TempFolder scratch = new();

    [Fact]
    public async Task Zip_bombs_entity_tricks_macros_and_endless_mime_are_refused_or_read_harmlessly_while_the_rest_is_read()
    {
        using var shelf = new IngestionHarness();
        var witness = scratch.File("the-macro-ran");
        HostileDocuments.ZipBombDocx(shelf.InboxFile("bomb.docx"));
        HostileDocuments.ManyEntriesOdt(shelf.InboxFile("many-entries.odt"));
        HostileDocuments.EntityTrickEpub(shelf.InboxFile("entities.epub"));
        HostileDocuments.MacroOdt(shelf.InboxFile("macro.odt"), witness);
        MailWriter.Write(shelf.InboxFile("many-parts.eml"), HostileDocuments.ManyParts(6000));
        MailWriter.Write(shelf.InboxFile("nested.eml"), HostileDocuments.DeeplyNested(400));
        MailWriter.Write(shelf.InboxFile("nested-a-little.eml"), HostileDocuments.DeeplyNested(8));
        await File.WriteAllTextAsync(shelf.InboxFile("broken-base64.eml"), HostileDocuments.BrokenBase64(
            MailWriter.Message("Ledger scan", DateTimeOffset.UnixEpoch, "The scan is attached.", false, MailWriter.Attachment("ledger.pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46]))));
        DocxWriter.Write(shelf.InboxFile("sound.docx"), OfficeText.Sample("ferry-notice.txt", "Ferry notice"));

        var summary = await shelf.IngestAsync(shelf.Inbox);

        string Outcome(string name) => summary.Files.Single(f => Path.GetFileName(f.Path) == name) switch
        {
            { Status: FileStatus.Quarantined } f => f.Reason!,
            var f => f.Status.ToString(),
        };
        Assert.Contains("zip bomb", Outcome("bomb.docx"), StringComparison.Ordinal);
        Assert.Contains("zip entries, more than the limit", Outcome("many-entries.odt"), StringComparison.Ordinal);
        Assert.Contains("MIME parts", Outcome("many-parts.eml"), StringComparison.Ordinal);
        Assert.Equal("Indexed", Outcome("macro.odt"));
        Assert.Equal("Indexed", Outcome("nested.eml"));
        Assert.Equal("Indexed", Outcome("nested-a-little.eml"));
        Assert.Equal("Indexed", Outcome("broken-base64.eml"));
        Assert.Equal("Indexed", Outcome("sound.docx"));
        Assert.False(File.Exists(witness), "a document's macro ran");
        var everything = shelf.Shelf.Store.AllDocuments().SelectMany(d => shelf.Shelf.Store.PagesOf(d.Id)).Select(p => p.Text).ToList();
        Assert.DoesNotContain(everything, text => text.Contains("root:", StringComparison.Ordinal) || text.Contains("lollol", StringComparison.Ordinal));
        Assert.Single(everything, text => text.Contains("The innermost line about the harbour.", StringComparison.Ordinal)); // read 8 deep, not 400
    }

    [Fact]
    public async Task A_document_protected_by_a_password_is_refused_saying_so_and_read_once_the_password_is_configured()
    {
        var plain = scratch.File("plain.docx");
        DocxWriter.Write(plain, OfficeText.Sample("river-survey-letters.txt", "Survey letters"));
        var odt = scratch.File("locked.odt");
        var doc = scratch.File("locked.doc");
        var profile = scratch.Folder("profile");
        var docx = scratch.File("locked.docx");
        await LegacyOffice.ProtectAsync(plain, odt, "writer8", "wend-1902", profile);
        await LegacyOffice.ProtectAsync(plain, doc, "MS Word 97", "wend-1902", profile);
        OfficeEncryption.Protect(plain, docx, "wend-1902");
        var decrypted = scratch.File("decrypted.docx");
        await Tool.RunAsync("msoffcrypto-tool", "-p", "wend-1902", docx, decrypted); // the protected file is one Office's own reader opens
        Assert.Equal(await File.ReadAllBytesAsync(plain), await File.ReadAllBytesAsync(decrypted));

        using (var locked = new IngestionHarness())
        {
            var summary = await locked.IngestAsync(odt, doc, docx);
            Assert.All(summary.Files, f => Assert.Equal("the document is protected by a password and no configured password opens it", f.Reason));
        }

        using var opened = new IngestionHarness(new IngestionOptions { PdfPasswords = ["not-this-one", "wend-1902"] });
        var read = await opened.IngestAsync(odt, doc, docx);
        Assert.All(read.Files, f => Assert.True(f.Status == FileStatus.Indexed, f.Reason));
        Assert.All(read.Files, f => Assert.Contains("Drainage", string.Join(" ", opened.Shelf.Store.PagesOf(f.DocumentId).Select(p => p.Text)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conversion_past_the_time_limit_stops_LibreOffice_and_all_it_started()
    {
        var profile = scratch.Folder("slow-profile");
        var file = await OfficeFileAsync("slow");
        using var converter = new OfficeConverter(profile, new ToolLimits(TimeSpan.FromMilliseconds(1), ToolLimits.Default.MemoryBytes), []);

        var error = await Assert.ThrowsAsync<ToolTimeoutException>(() => converter.ConvertAsync(file, OfficeTarget.Pdf, CancellationToken.None));

        Assert.Contains("LibreOffice took longer than", error.Message, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => ProcessesUsing(profile) == 0, "no LibreOffice of that profile is left running");
    }

    [Fact]
    public async Task A_LibreOffice_that_died_between_files_is_started_again_for_the_next_file()
    {
        var profile = scratch.Folder("crash-profile");
        using var converter = new OfficeConverter(profile, ToolLimits.Default, []);
        Assert.True(File.Exists(await converter.ConvertAsync(await OfficeFileAsync("first"), OfficeTarget.Pdf, CancellationToken.None)));

        await Tool.RunAsync("pkill", "-KILL", "-f", $"soffice.bin.*{profile}");
        await Eventually.HoldsAsync(() => ProcessesUsing(profile) <= 1, "LibreOffice is gone");

        Assert.True(File.Exists(await converter.ConvertAsync(await OfficeFileAsync("second"), OfficeTarget.Pdf, CancellationToken.None)));
    }

    private async Task<FileToRead> OfficeFileAsync(string name)
    {
        var path = scratch.File(name + ".docx");
        DocxWriter.Write(path, OfficeText.Sample("harbour-commission-report.txt", name));
        await Task.CompletedTask;
        return new FileToRead(path, FileKind.Docx, scratch.Folder("work-" + name));
    }

    /// <summary>How many processes name the profile on their command line (LibreOffice and the converter holding it).</summary>
    private static int ProcessesUsing(string profile) =>
        Process.GetProcesses().Count(p =>
        {
            try
            {
                return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(profile, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    public void Dispose() => scratch.Dispose();
}
