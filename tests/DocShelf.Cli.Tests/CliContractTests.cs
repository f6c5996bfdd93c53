using System.Text.Json;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

[Collection(IngestedShelfGroup.Name)]
public sealed class CliContractTests(IngestedShelf shelf)
{
    [Fact]
    public void Ingest_with_a_quarantined_file_exits_2_and_prints_plain_lines_and_a_summary()
    {
        Assert.True(shelf.Ingest.ExitCode == 2, shelf.Ingest.ToString());
        Assert.Contains("indexed      ", shelf.Ingest.Output, StringComparison.Ordinal);
        Assert.Contains("quarantined  ", shelf.Ingest.Output, StringComparison.Ordinal);
        Assert.Contains("5 files: 4 indexed, 0 already on the shelf, 1 quarantined", shelf.Ingest.Output, StringComparison.Ordinal);
        Assert.Contains("by OCR", shelf.Ingest.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", shelf.Ingest.Output, StringComparison.Ordinal); // no terminal escapes in a pipe
    }

    [Fact]
    public async Task Search_json_results_carry_document_path_page_chunk_score_and_snippet()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "search", "pilot cutter", "--top", "3", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("pilot cutter", json.RootElement.GetProperty("query").GetString());
        var first = json.RootElement.GetProperty("results")[0];
        Assert.Equal(16, first.GetProperty("documentId").GetString()!.Length);
        Assert.EndsWith("harbour report.pdf", first.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, first.GetProperty("page").GetInt32());
        Assert.StartsWith(first.GetProperty("documentId").GetString() + "/3/", first.GetProperty("chunkId").GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        var snippet = first.GetProperty("snippet").GetString()!;
        var marked = first.GetProperty("highlights").EnumerateArray()
            .Select(h => snippet.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32()).ToLowerInvariant())
            .ToHashSet();
        Assert.Superset(new HashSet<string> { "pilot", "cutter" }, marked);
    }

    [Fact]
    public async Task Search_names_the_words_no_document_holds_and_labels_results_found_by_meaning_alone()
    {
        var text = await CliRunner.RunAsync(shelf.Data, "search", "okapi");
        var json = await CliRunner.RunAsync(shelf.Data, "search", "harbour okapi", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        var lines = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("No document holds “okapi”.", lines[0]);
        // Any result after it holds none of the words, and says so.
        Assert.All(lines.Where(l => l.Contains(" page ", StringComparison.Ordinal)), l => Assert.EndsWith("related by meaning", l, StringComparison.Ordinal));
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.Equal(["okapi"], parsed.RootElement.GetProperty("absent").EnumerateArray().Select(w => w.GetString()));
        var first = parsed.RootElement.GetProperty("results")[0];
        Assert.Equal("words", first.GetProperty("match").GetString());
        Assert.Contains(parsed.RootElement.GetProperty("documents").EnumerateArray(), d => d.GetProperty("documentId").GetString() == first.GetProperty("documentId").GetString());
    }

    [Theory]
    [InlineData("/[/")]
    [InlineData("/.{0,300}x.{0,300}/")]
    [InlineData("*arbour")]
    public async Task Broken_or_costly_syntax_is_searched_as_words(string query)
    {
        var search = await CliRunner.RunAsync(shelf.Data, "search", query, "--json");
        var ask = await CliRunner.RunAsync(shelf.Data, "ask", query, "--json");

        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.True(ask.ExitCode == 0, ask.ToString());
    }

    [Fact]
    public async Task Batch_search_writes_one_json_object_per_query_line_in_order()
    {
        var queries = Path.Combine(shelf.Inbox, "..", "queries.txt");
        await File.WriteAllLinesAsync(queries, ["brickworks clay", "", "warning gun brig", "zzzz qqqq"]);

        var result = await CliRunner.RunAsync(shelf.Data, "search", "--queries", queries, "--json", "--top", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["brickworks clay", "", "warning gun brig", "zzzz qqqq"], lines.Select(l => l.GetProperty("query").GetString()));
        Assert.EndsWith("letters.pdf", lines[0].GetProperty("results")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("lighthouse.png", lines[2].GetProperty("results")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, lines[3].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Status_lists_counts_installed_languages_and_the_quarantine_with_reasons()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "status", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(4, status.GetProperty("documents").GetInt32());
        Assert.Equal(1, status.GetProperty("quarantined").GetInt32());
        Assert.Equal(1, status.GetProperty("ocrPages").GetInt32());
        Assert.Contains("eng", status.GetProperty("ocr").GetProperty("installedLanguages").EnumerateArray().Select(l => l.GetString()));
        Assert.DoesNotContain("osd", status.GetProperty("ocr").GetProperty("installedLanguages").EnumerateArray().Select(l => l.GetString()));
        Assert.True(status.GetProperty("ocr").GetProperty("orientationDetection").GetBoolean());
        var item = status.GetProperty("quarantine")[0];
        Assert.EndsWith("broken.pdf", item.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("the PDF is damaged or incomplete", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("Syntax Error: Couldn't read xref table", item.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_what_the_data_folder_spends_its_bytes_on_and_what_a_page_of_each_kind_costs()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "status", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = JsonDocument.Parse(result.Output).RootElement;
        var footprint = status.GetProperty("footprint");
        long Part(string name) => footprint.GetProperty(name).GetInt64();
        var kinds = footprint.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        Assert.Equal(FolderBytes("page-sources"), Part("pageSources"));
        Assert.Equal(FolderBytes("lexical"), Part("lexical"));
        Assert.Equal(new FileInfo(Path.Combine(shelf.Data, "shelf.db")).Length, Part("store"));
        Assert.Equal(Part("store") + Part("lexical") + Part("vectors") + Part("pageSources") + Part("pageImages") + Part("other"), Part("total"));
        // Two born-digital PDFs, one scan, one text file (the quarantined PDF has no pages).
        Assert.Equal(["born-digital", "scanned", "text"], kinds.Keys.Order());
        Assert.Equal((2, 1, 1), (kinds["born-digital"].GetProperty("documents").GetInt32(), kinds["scanned"].GetProperty("pages").GetInt32(), kinds["text"].GetProperty("documents").GetInt32()));
        Assert.Equal(status.GetProperty("pages").GetInt32(), kinds.Values.Sum(k => k.GetProperty("pages").GetInt32()));
        // Every byte but the folder's other files is spent on some kind (the shared parts split to the byte, rounded down).
        var spent = kinds.Values.Sum(k => k.GetProperty("bytes").GetInt64());
        Assert.InRange(Part("total") - Part("other") - spent, 0, kinds.Count);
        Assert.Equal(footprint.GetProperty("freeBytes").GetInt64() / footprint.GetProperty("bytesPerPage").GetInt64(), footprint.GetProperty("roomForPages").GetInt64());
        var scan = new FileInfo(Path.Combine(shelf.Inbox, "lighthouse.png")).Length;
        Assert.True(kinds["scanned"].GetProperty("bytes").GetInt64() > scan, "a scan costs at least its own bytes, kept to draw it from");
    }

    [Fact]
    public async Task Documents_shows_each_file_and_the_reason_for_a_quarantined_one()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "documents");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("guide.md", result.Output, StringComparison.Ordinal);
        Assert.Contains("lighthouse.png", result.Output, StringComparison.Ordinal);
        Assert.Contains("quarantined: the PDF is damaged or incomplete", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_prints_one_page_of_a_document_found_by_file_name()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "text", "harbour report.pdf", "--page", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Dues and Traffic", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pilotage", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_of_an_unknown_document_or_page_exits_1_with_a_clear_message()
    {
        var unknown = await CliRunner.RunAsync(shelf.Data, "text", "0000nothing");
        var noPage = await CliRunner.RunAsync(shelf.Data, "text", "letters.pdf", "--page", "9");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No document '0000nothing'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, noPage.ExitCode);
        Assert.Contains("there is no page 9", noPage.Error, StringComparison.Ordinal);
    }

    private long FolderBytes(string name) =>
        new DirectoryInfo(Path.Combine(shelf.Data, name)).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
