using System.Text.Json;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Eval_builds_a_shelf_from_the_paragraphs_and_scores_each_question_against_its_own(bool render)
    {
        var squad = await SquadFileAsync("tiny-squad.json", ("Harbour_Works",
        [
            Paragraph("The breakwater lamp was carried away in the gale of 1893.", ("What carried the breakwater lamp away?", "the gale")),
            Paragraph("Ferry fares were one penny for foot passengers.", ("How much was the ferry fare?", "one penny")),
            Paragraph("The copper sluice gate was replaced by the county engineer.", ("Who replaced the sluice gate?", "the county engineer")),
        ]));

        string[] arguments = ["eval", "--squad", squad, "--json", "--work", folder.File("work")];
        var result = await CliRunner.RunAsync(folder.File("data"), render ? [.. arguments, "--render"] : arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(3, report.GetProperty("paragraphs").GetInt32());
        Assert.Equal(render, report.GetProperty("rendered").GetBoolean());
        var kept = Directory.GetFiles(folder.File("work"), render ? "*.png" : "*.txt", SearchOption.AllDirectories);
        Assert.Equal(3, kept.Length); // the documents were what the flag says: page images read by OCR, or text

        // A fresh data folder searches with the built-in model, so every mode is scored.
        var modes = report.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["lexical", "semantic", "hybrid"], modes.Select(m => m.GetProperty("mode").GetString()));
        Assert.All(modes, mode =>
        {
            Assert.Equal(3, mode.GetProperty("questions").GetInt32());
            Assert.Equal(1.0, mode.GetProperty("recallAt1").GetDouble());
            Assert.Equal(1.0, mode.GetProperty("mrrAt10").GetDouble());
        });
    }

    [Fact]
    public async Task Eval_fusion_tunes_on_alternate_articles_and_scores_the_held_out_ones()
    {
        var squad = await SquadFileAsync(
            "fusion.json",
            ("Harbour_Works",
            [
                Paragraph("The breakwater lamp was carried away in the gale of 1893.", ("What carried the breakwater lamp away?", "the gale")),
                Paragraph("Ferry fares were one penny for foot passengers.", ("How much did a foot passenger pay for the ferry?", "one penny")),
            ]),
            ("Volcanoes",
            [
                Paragraph("Basaltic magma erupts at temperatures near 1,200 degrees Celsius.", ("How hot is erupting basalt?", "1,200 degrees Celsius")),
                Paragraph("Pumice forms when frothy lava cools so fast that gas is trapped.", ("Why does pumice float?", "gas is trapped")),
            ]));

        var result = await CliRunner.RunAsync(folder.File("data"), "eval", "--squad", squad, "--fusion", "--json", "--work", folder.File("work"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = JsonDocument.Parse(result.Output).RootElement.GetProperty("fusion").EnumerateArray().ToList();
        Assert.Equal(
            ["lexical", "semantic", "rank fusion, untuned", "rank fusion, tuned", "normalised scores, tuned"],
            rows.Select(r => r.GetProperty("rule").GetString()));
        Assert.All(rows, row =>
        {
            Assert.Equal(2, row.GetProperty("tuning").GetProperty("questions").GetInt32()); // the first article's
            Assert.Equal(2, row.GetProperty("heldOut").GetProperty("questions").GetInt32()); // the second's
            Assert.Equal(4, row.GetProperty("all").GetProperty("questions").GetInt32());
        });
        Assert.StartsWith("lexical share", rows[^1].GetProperty("settings").GetString(), StringComparison.Ordinal);
        Assert.Equal(1.0, rows[^1].GetProperty("all").GetProperty("recallAt5").GetDouble());
    }

    [Fact]
    public async Task Eval_answers_scores_gold_answers_and_not_found_for_articles_kept_off_the_shelf()
    {
        var squad = await SquadFileAsync(
            "two-articles.json",
            ("Harbour_Works",
            [
                Paragraph("The breakwater lamp was carried away in the gale of 1893. The pier was rebuilt in stone.", ("What carried the breakwater lamp away?", "the gale")),
                Paragraph("Ferry fares were one penny for foot passengers. Carts paid sixpence.", ("How much was the ferry fare for foot passengers?", "one penny")),
                Paragraph("The copper sluice gate was replaced by the county engineer in 1902.", ("Who replaced the copper sluice gate?", "the county engineer")),
            ]),
            ("Volcanoes", [Paragraph("Basaltic magma erupts at temperatures near 1,200 degrees Celsius.", ("At what temperature does basaltic magma erupt?", "1,200 degrees Celsius"))]));

        var result = await CliRunner.RunAsync(folder.File("data"), "eval", "--squad", squad, "--answers", "--json", "--work", folder.File("work"));
        var text = await CliRunner.RunAsync(folder.File("data"), "eval", "--squad", squad, "--answers", "--work", folder.File("work"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(1, report.GetProperty("outsideArticles").GetInt32());
        var answers = report.GetProperty("answers");
        Assert.Equal("extractive", answers.GetProperty("answerer").GetString());
        Assert.Equal(3, answers.GetProperty("questions").GetInt32());
        Assert.Equal(1.0, answers.GetProperty("goldInAnswer").GetDouble());
        Assert.Equal(1.0, answers.GetProperty("goldParagraphCited").GetDouble());
        Assert.InRange(answers.GetProperty("averageWords").GetDouble(), 5, 20);
        Assert.Equal(1, answers.GetProperty("outsideQuestions").GetInt32());
        Assert.Equal(1.0, answers.GetProperty("outsideNotFound").GetDouble());
        Assert.True(answers.GetProperty("millisecondsPerQuestion").GetDouble() > 0);
        Assert.Contains("answered \"not found\"", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeping_every_article_off_the_shelf_is_refused()
    {
        var squad = await SquadFileAsync("one-article.json", ("Harbour", [Paragraph("Ferry fares were one penny.", ("How much was the fare?", "one penny"))]));

        var result = await CliRunner.RunAsync(folder.File("data"), "eval", "--squad", squad, "--answers", "--outside-articles", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("must leave at least one of the file's 1 articles on the shelf", result.Error, StringComparison.Ordinal);
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

    /// <summary>Writes a SQuAD v1.1 file of the given articles and returns its path.</summary>
    private async Task<string> SquadFileAsync(string name, params (string Title, object[] Paragraphs)[] articles)
    {
        var path = folder.File(name);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            version = "1.1",
            data = articles.Select(a => new { title = a.Title, paragraphs = a.Paragraphs }),
        }));
        return path;
    }

    private static object Paragraph(string context, (string Question, string Answer) qa) => new
    {
        context,
        qas = new[] { new { id = Guid.NewGuid().ToString("N"), question = qa.Question, answers = new[] { new { text = qa.Answer, answer_start = context.IndexOf(qa.Answer, StringComparison.Ordinal) } } } },
    };
}
