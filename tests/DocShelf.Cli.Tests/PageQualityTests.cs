using System.Text.Json;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

/// <summary>
/// How each OCR'd page was read reaches the archivist: the turn applied to an upside-down scan in `text --json`
/// and `documents --json`, and a poor scan flagged in `documents` and `status` so it can be redone.
/// </summary>
public sealed class PageQualityTests(ScannedShelf shelf) : IClassFixture<ScannedShelf>
{
    private string Data => shelf.Data;

    [Fact]
    public async Task Text_json_reports_the_turn_applied_to_an_upside_down_scan()
    {
        var result = await CliRunner.RunAsync(Data, "text", "upside-down.png", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var reading = JsonDocument.Parse(result.Output).RootElement.GetProperty("pages")[0].GetProperty("reading");
        Assert.Equal(180, reading.GetProperty("rotation").GetInt32());
        Assert.False(reading.GetProperty("lowConfidence").GetBoolean());
        Assert.True(reading.GetProperty("confidence").GetDouble() >= 90);
    }

    [Fact]
    public async Task Documents_json_gives_every_ocr_page_its_reading_and_names_the_low_confidence_ones()
    {
        var result = await CliRunner.RunAsync(Data, "documents", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var documents = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToDictionary(d => Path.GetFileName(d.GetProperty("path").GetString()!));
        Assert.Equal(180, documents["upside-down.png"].GetProperty("ocrReadings")[0].GetProperty("rotation").GetInt32());
        Assert.Equal(0, documents["upside-down.png"].GetProperty("lowConfidencePages").GetArrayLength());
        Assert.Equal([1], documents["faint.png"].GetProperty("lowConfidencePages").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public async Task Documents_and_status_flag_the_scan_worth_redoing()
    {
        var documents = await CliRunner.RunAsync(Data, "documents");
        var status = await CliRunner.RunAsync(Data, "status");
        var statusJson = await CliRunner.RunAsync(Data, "status", "--json");

        Assert.Contains("1 page: 1", documents.Output, StringComparison.Ordinal);
        Assert.Contains("rescan them", documents.Output, StringComparison.Ordinal);
        Assert.Contains("Low confidence", status.Output, StringComparison.Ordinal);
        Assert.Contains("faint.png page 1", status.Output, StringComparison.Ordinal);
        var low = Assert.Single(JsonDocument.Parse(statusJson.Output).RootElement.GetProperty("lowConfidence").EnumerateArray());
        Assert.EndsWith("faint.png", low.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(low.GetProperty("confidence").GetDouble() < 80);
    }
}
