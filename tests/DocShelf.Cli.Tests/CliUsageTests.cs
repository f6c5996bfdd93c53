using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

public sealed class CliUsageTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task An_ocr_language_that_is_not_installed_stops_the_run_with_the_apt_command()
    {
        await File.WriteAllTextAsync(folder.File("note.txt"), "a note");

        var result = await CliRunner.RunAsync(folder.File("data"), "ingest", folder.File("note.txt"), "--ocr-languages", "eng+xyz");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("apt-get install tesseract-ocr-xyz", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingesting_a_path_that_does_not_exist_exits_1()
    {
        var result = await CliRunner.RunAsync(folder.File("data"), "ingest", folder.File("missing"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No such file or folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_json_reports_every_file_and_exits_0_when_nothing_is_quarantined()
    {
        await File.WriteAllTextAsync(folder.File("note.txt"), "The ferry crosses every half hour.");

        var result = await CliRunner.RunAsync(folder.File("data"), "ingest", folder.File("note.txt"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = System.Text.Json.JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(1, report.GetProperty("indexed").GetInt32());
        Assert.Equal("indexed", report.GetProperty("outcomes")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Search_without_a_query_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(folder.File("data"), "search");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Give a query", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_reads_a_locked_pdf_again_once_its_password_is_configured()
    {
        var plain = folder.File("plain.pdf");
        DocShelf.Fixtures.Writers.PdfWriter.Write(plain, [DocShelf.Fixtures.Writers.PdfPage.WithText("The harbour dues for the year were nine hundred pounds.")], "Dues");
        var locked = folder.File("locked.pdf");
        await Tool.RunAsync("qpdf", "--encrypt", "reader-secret", "owner-secret", "256", "--", plain, locked);
        var data = folder.File("data");
        var first = await CliRunner.RunAsync(data, "ingest", locked);
        Assert.Equal(2, first.ExitCode);

        await File.WriteAllTextAsync(Path.Combine(data, "docshelf.json"), """{ "PdfPasswords": [ "wrong-guess", "reader-secret" ] }""");
        var retry = await CliRunner.RunAsync(data, "retry", "locked.pdf");
        var search = await CliRunner.RunAsync(data, "search", "harbour dues", "--json");

        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Contains("1 indexed", retry.Output, StringComparison.Ordinal);
        Assert.Contains("locked.pdf", search.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_needs_a_document_or_all()
    {
        var result = await CliRunner.RunAsync(folder.File("data"), "retry");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--all", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_an_inbox_is_refused_with_how_to_name_one()
    {
        var result = await CliRunner.RunAsync(folder.File("data"), "serve");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--inbox", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
