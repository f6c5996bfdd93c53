using System.Text.Json;
using DocShelf.Fixtures;

namespace DocShelf.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Eval_builds_a_shelf_from_the_paragraphs_and_scores_each_question_against_its_own(bool render)
    {
        var squad = folder.File("tiny-squad.json");
        await File.WriteAllTextAsync(squad, JsonSerializer.Serialize(new
        {
            version = "1.1",
            data = new[]
            {
                new
                {
                    title = "Harbour_Works",
                    paragraphs = new[]
                    {
                        Paragraph("The breakwater lamp was carried away in the gale of 1893.", ("What carried the breakwater lamp away?", "the gale")),
                        Paragraph("Ferry fares were one penny for foot passengers.", ("How much was the ferry fare?", "one penny")),
                        Paragraph("The copper sluice gate was replaced by the county engineer.", ("Who replaced the sluice gate?", "the county engineer")),
                    },
                },
            },
        }));

        string[] arguments = ["eval", "--squad", squad, "--json", "--work", folder.File("work")];
        var result = await CliRunner.RunAsync(folder.File("data"), render ? [.. arguments, "--render"] : arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(3, report.GetProperty("paragraphs").GetInt32());
        Assert.Equal(render, report.GetProperty("rendered").GetBoolean());
        var kept = Directory.GetFiles(folder.File("work"), render ? "*.png" : "*.txt", SearchOption.AllDirectories);
        Assert.Equal(3, kept.Length); // the documents were what the flag says: page images read by OCR, or text
        var lexical = Assert.Single(report.GetProperty("results").EnumerateArray());
        Assert.Equal("lexical", lexical.GetProperty("mode").GetString());
        Assert.Equal(3, lexical.GetProperty("questions").GetInt32());
        Assert.Equal(1.0, lexical.GetProperty("recallAt1").GetDouble());
        Assert.Equal(1.0, lexical.GetProperty("mrrAt10").GetDouble());
    }

    [Fact]
    public async Task A_file_that_is_not_squad_is_refused_with_a_clear_error()
    {
        var squad = folder.File("not-squad.json");
        await File.WriteAllTextAsync(squad, """{ "rows": [1, 2, 3] }""");

        var result = await CliRunner.RunAsync(folder.File("data"), "eval", "--squad", squad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds no paragraphs in SQuAD's format", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private static object Paragraph(string context, (string Question, string Answer) qa) => new
    {
        context,
        qas = new[] { new { id = Guid.NewGuid().ToString("N"), question = qa.Question, answers = new[] { new { text = qa.Answer, answer_start = context.IndexOf(qa.Answer, StringComparison.Ordinal) } } } },
    };
}
