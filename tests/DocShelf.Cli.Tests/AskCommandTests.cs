using System.Text.Json;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

[Collection(IngestedShelfGroup.Name)]
public sealed class AskCommandTests(IngestedShelf shelf)
{
    private const string LampQuestion = "Where will the temporary red light be shown until the breakwater lamp is restored?";

    [Fact]
    public async Task Ask_json_gives_the_answer_with_its_citation_to_document_and_page()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "ask", LampQuestion, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var answer = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(answer.GetProperty("found").GetBoolean());
        Assert.Contains("harbour office window", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        var citation = answer.GetProperty("citations")[0];
        Assert.EndsWith("harbour report.pdf", citation.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, citation.GetProperty("page").GetInt32());
        Assert.True(citation.GetProperty("boxes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Ask_prints_the_answer_then_each_citation_with_path_and_page()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "ask", "How many times was the warning gun fired?");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("warning gun", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("[1]", lines[0].Trim(), StringComparison.Ordinal);
        Assert.Matches(@"^  \[1\] .*lighthouse\.png  page 1  ", lines[1]);
    }

    [Fact]
    public async Task A_question_the_shelf_cannot_answer_says_so_and_exits_0()
    {
        var result = await CliRunner.RunAsync(shelf.Data, "ask", "Who won the football world cup in 1998?");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Not found on this shelf.", result.Output.Trim());
    }

    [Fact]
    public async Task A_chat_server_on_loopback_answers_and_only_the_citations_its_sources_support_stand()
    {
        using var chat = new LoopbackChatServer();
        chat.Enqueue(ChatServerReply.Streaming("A temporary red light will be shown from the harbour office window [1][2][3][4][5]."));

        var result = await CliRunner.RunAsync(shelf.Data, ChatSettings(chat.Endpoint.ToString()), "ask", LampQuestion, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var answer = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("openai:test-model", answer.GetProperty("answerer").GetString());
        Assert.Equal("A temporary red light will be shown from the harbour office window. [1]", answer.GetProperty("text").GetString());
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.Equal(3, citation.GetProperty("page").GetInt32());
        Assert.Single(chat.Requests);
    }

    [Fact]
    public async Task A_chat_server_beyond_this_machine_is_refused_with_the_setting_that_allows_it()
    {
        var result = await CliRunner.RunAsync(shelf.Data, ChatSettings("http://192.0.2.10:11434/v1"), "ask", LampQuestion);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not on this machine", result.Error, StringComparison.Ordinal);
        Assert.Contains("ChatAllowRemote", result.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ChatSettings(string url) => new()
    {
        ["DOCSHELF_AnswerBackend"] = "openai",
        ["DOCSHELF_ChatUrl"] = url,
        ["DOCSHELF_ChatModel"] = "test-model",
    };
}
