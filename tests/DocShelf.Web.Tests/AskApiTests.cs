using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocShelf.Answering.Chat;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Models.GenAi;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;

namespace DocShelf.Web.Tests;

[Collection(WebShelfCollection.Name)]
public sealed class AskApiTests(WebShelf shelf) : IDisposable
{
    private const string RepairQuestion = "What did the engineer estimate for the repair of the breakwater?";
    private readonly ShelfApiFactory app = shelf.Serve();
    private readonly LoopbackChatServer chat = new();

    [Fact]
    public async Task An_answer_in_json_holds_the_fact_and_cites_the_page_with_word_boxes()
    {
        var answer = await (await app.CreateClient().GetAsync("/api/ask?q=" + Uri.EscapeDataString("How many times was the warning gun fired?"))).JsonAsync();

        Assert.True(answer.GetProperty("found").GetBoolean());
        Assert.Equal("extractive", answer.GetProperty("answerer").GetString());
        Assert.Contains("warning gun", answer.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        var citation = answer.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("number").GetInt32());
        Assert.Equal(shelf.Id("lighthouse.png"), citation.GetProperty("documentId").GetString());
        Assert.Equal(1, citation.GetProperty("page").GetInt32());
        Assert.True(citation.GetProperty("boxes").GetArrayLength() > 0);
        Assert.True(citation.GetProperty("pageWidth").GetDouble() > 0);
    }

    [Fact]
    public async Task A_question_the_shelf_cannot_answer_gets_not_found()
    {
        var answer = await (await app.CreateClient().GetAsync("/api/ask?q=" + Uri.EscapeDataString("Who won the football world cup in 1998?"))).JsonAsync();

        Assert.False(answer.GetProperty("found").GetBoolean());
        Assert.Equal("Not found on this shelf.", answer.GetProperty("text").GetString());
        Assert.Equal(0, answer.GetProperty("citations").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/ask")]
    [InlineData("/api/ask?q=%20%20")]
    public async Task A_request_without_a_question_is_refused_with_400(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Ask a question", await response.DetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_too_long_is_refused_with_400()
    {
        var response = await app.CreateClient().GetAsync("/api/ask?q=" + new string('a', 1001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_event_stream_carries_the_drafts_as_the_model_writes_them_then_the_checked_answer()
    {
        var hits = await shelf.Shelf.Searcher.SearchAsync(RepairQuestion, new ChatAnswererOptions().Sources, null, shelf.Shelf.Searcher.Modes[^1], cancellationToken: CancellationToken.None);
        var source = hits.ToList().FindIndex(h => Flat(shelf.Shelf.Store.FindChunk(h.ChunkId)!.Text).Contains("two thousand one hundred pounds", StringComparison.Ordinal)) + 1;
        Assert.True(source > 0);
        chat.Enqueue(ChatServerReply.Streaming("The engineer estimated the repair ", "of the breakwater at two thousand one hundred pounds ", $"[{source}]."));
        var options = new ChatAnswererOptions();
        using var served = shelf.Serve(answerer: new ChatAnswerer(shelf.Shelf.Searcher, shelf.Shelf.Store, ChatBackends.OpenAiCompatible(chat.Endpoint, "test-model", options), options));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/ask?q=" + Uri.EscapeDataString(RepairQuestion));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        var response = await served.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ServerSentEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal(["draft", "draft", "draft", "answer"], events.Select(e => e.Name));
        Assert.Equal("of the breakwater at two thousand one hundred pounds ", events[1].Data.GetProperty("text").GetString());
        var answer = events[^1].Data;
        Assert.Equal("openai:test-model", answer.GetProperty("answerer").GetString());
        Assert.Equal("The engineer estimated the repair of the breakwater at two thousand one hundred pounds. [1]", answer.GetProperty("text").GetString());
        Assert.Equal(shelf.Id("harbour report.pdf"), answer.GetProperty("citations")[0].GetProperty("documentId").GetString());
        Assert.Equal(1, answer.GetProperty("citations")[0].GetProperty("page").GetInt32());
    }

    /// <summary>The generated tiny models: a GGUF file for llama.cpp, a folder for ONNX Runtime GenAI.</summary>
    public static TheoryData<string> LocalModels() => ["tiny-llama/model.gguf", "tiny-decoder"];

    [Theory]
    [MemberData(nameof(LocalModels))]
    public async Task A_local_model_in_the_service_streams_its_drafts_then_the_checked_answer(string tinyModel)
    {
        var model = Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", tinyModel);
        var options = new ChatAnswererOptions { MaxTokens = 12 }; // the tiny models' contexts are 512 tokens and more
        var loading = new ChatLoading(512, ChatLoading.AllCores);
        var generator = new OnDemandChatGenerator(
            model, () => File.Exists(model) ? GgufGenerator.Open(model, loading) : GenAiGenerator.Open(model, loading), unloadAfter: null);
        using var answerer = new ChatAnswerer(shelf.Shelf.Searcher, shelf.Shelf.Store, ChatBackends.Local(generator, Path.GetFileName(model), options), options);
        using var served = shelf.Serve(answerer: answerer);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/ask?q=" + Uri.EscapeDataString(RepairQuestion));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        var response = await served.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var events = ServerSentEvents(await response.Content.ReadAsStringAsync());
        Assert.True(events.Count(e => e.Name == "draft") > 1, "the model's text should arrive in pieces as it is written");
        Assert.Equal("answer", events[^1].Name);
        Assert.All(events.SkipLast(1), e => Assert.Equal("draft", e.Name));
        // Random weights cite nothing, so the checked answer is the extractive one, saying why.
        var answer = events[^1].Data;
        Assert.Equal("extractive", answer.GetProperty("answerer").GetString());
        Assert.StartsWith("The chat model's answer cited nothing on the shelf that supports it.", answer.GetProperty("notice").GetString(), StringComparison.Ordinal);
        Assert.True(generator.IsLoaded);
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<(string Name, JsonElement Data)> ServerSentEvents(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => (
                lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))[7..],
                JsonDocument.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..]).RootElement.Clone()))
            .ToList();

    public void Dispose()
    {
        app.Dispose();
        chat.Dispose();
    }
}
