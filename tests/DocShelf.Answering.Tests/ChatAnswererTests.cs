using DocShelf.Answering.Answers;
using DocShelf.Answering.Chat;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Answering.Tests;

/// <summary>The OpenAI-compatible backend against a real HTTP server on loopback.</summary>
public sealed class ChatAnswererTests(AnsweringShelf shelf) : IClassFixture<AnsweringShelf>, IDisposable
{
    private const string LampQuestion = "Where will the temporary red light be shown until the breakwater lamp is restored?";
    private readonly LoopbackChatServer server = new();

    private ChatAnswerer Answerer(ChatAnswererOptions? options = null, Uri? endpoint = null)
    {
        options ??= new ChatAnswererOptions();
        var backend = ChatBackends.OpenAiCompatible(endpoint ?? server.Endpoint, "test-model", options);
        return new ChatAnswerer(shelf.Shelf.Searcher, shelf.Shelf.Store, backend, options);
    }

    /// <summary>The number the question's sources give the chunk holding <paramref name="words"/>, as the model sees it.</summary>
    private async Task<int> SourceNumberAsync(string question, string words)
    {
        var hits = await shelf.Shelf.Searcher.SearchAsync(question, new ChatAnswererOptions().Sources, null, shelf.Shelf.Searcher.Modes[^1], cancellationToken: CancellationToken.None);
        var index = hits.ToList().FindIndex(h => Flat(shelf.Shelf.Store.FindChunk(h.ChunkId)!.Text).Contains(words, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no source holds \"{words}\"");
        return index + 1;
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_answer_streams_as_drafts_then_arrives_checked_with_the_cited_page()
    {
        var lamp = await SourceNumberAsync(LampQuestion, "harbour office window");
        server.Enqueue(ChatServerReply.Streaming("A temporary red light will be shown ", "from the harbour office window ", $"[{lamp}]."));

        var updates = new List<AnswerUpdate>();
        await foreach (var update in Answerer().StreamAsync(LampQuestion))
        {
            updates.Add(update);
        }

        Assert.Equal(["A temporary red light will be shown ", "from the harbour office window ", $"[{lamp}]."], updates.Where(u => u.Draft is not null).Select(u => u.Draft));
        var answer = Assert.Single(updates, u => u.Final is not null).Final!;
        Assert.Same(answer, updates[^1].Final);
        Assert.True(answer.Found);
        Assert.Equal("openai:test-model", answer.Answerer);
        Assert.Null(answer.Notice);
        Assert.Equal("A temporary red light will be shown from the harbour office window. [1]", answer.Text);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal((shelf.Id("harbour-report.pdf"), 3), (citation.DocumentId, citation.Page));
        Assert.Contains("harbour office window", citation.Quote, StringComparison.Ordinal);
        Assert.NotEmpty(citation.Boxes);
    }

    [Fact]
    public async Task The_request_names_the_model_streams_and_gives_the_sources_with_their_numbers_and_the_question()
    {
        server.Enqueue(ChatServerReply.Streaming(Answer.NotFoundText));

        await ((IAnswerer)Answerer()).AnswerAsync(LampQuestion);

        var request = Assert.Single(server.Requests);
        Assert.Equal("test-model", request.GetProperty("model").GetString());
        Assert.True(request.GetProperty("stream").GetBoolean());
        var messages = request.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        var prompt = messages[1].GetProperty("content").GetString()!;
        Assert.Contains("[1] ", prompt, StringComparison.Ordinal);
        Assert.Contains("harbour-report.pdf, page 3", prompt, StringComparison.Ordinal);
        Assert.Contains("harbour office window", prompt, StringComparison.Ordinal);
        Assert.EndsWith("Question: " + LampQuestion, prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citation_its_source_does_not_support_is_removed_and_the_reader_told()
    {
        var lamp = await SourceNumberAsync(LampQuestion, "harbour office window");
        var other = lamp == 1 ? 2 : 1;
        server.Enqueue(ChatServerReply.Streaming($"A temporary red light will be shown from the harbour office window [{other}][{lamp}][9]."));

        var answer = await ((IAnswerer)Answerer()).AnswerAsync(LampQuestion);

        Assert.Equal("A temporary red light will be shown from the harbour office window. [1]", answer.Text);
        Assert.Equal(3, Assert.Single(answer.Citations).Page);
        Assert.Equal("2 citations the sources do not support removed.", answer.Notice);
    }

    [Fact]
    public async Task A_sentence_no_source_supports_is_removed()
    {
        var lamp = await SourceNumberAsync(LampQuestion, "harbour office window");
        server.Enqueue(ChatServerReply.Streaming(
            $"The light will be shown from the harbour office window. [{lamp}] The lighthouse was painted green by volunteers in 1950. [{lamp}]"));

        var answer = await ((IAnswerer)Answerer()).AnswerAsync(LampQuestion);

        Assert.Equal("The light will be shown from the harbour office window. [1]", answer.Text);
        Assert.Equal("1 sentence without a supporting source removed (1 unsupported citation).", answer.Notice);
    }

    [Fact]
    public async Task An_answer_citing_nothing_that_supports_it_gives_the_extractive_answer_with_a_notice()
    {
        server.Enqueue(ChatServerReply.Streaming("The light is shown from the moon, as everyone knows."));

        var answer = await ((IAnswerer)Answerer()).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.Contains("harbour office window", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("The chat model's answer cited nothing on the shelf that supports it.", answer.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_saying_not_found_gives_the_not_found_answer()
    {
        server.Enqueue(ChatServerReply.Streaming("Not found ", "on this shelf."));

        var answer = await ((IAnswerer)Answerer()).AnswerAsync("Who won the football world cup in 1998?");

        Assert.False(answer.Found);
        Assert.Equal(Answer.NotFoundText, answer.Text);
        Assert.Equal("openai:test-model", answer.Answerer);
    }

    [Fact]
    public async Task A_server_too_slow_to_start_answering_gives_the_extractive_answer_with_a_notice()
    {
        server.Enqueue(ChatServerReply.Streaming("Too late.") with { Delay = TimeSpan.FromSeconds(20) });

        var answer = await ((IAnswerer)Answerer(new ChatAnswererOptions { FirstTokenTimeout = TimeSpan.FromMilliseconds(300) })).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.Contains("harbour office window", answer.Text, StringComparison.Ordinal);
        Assert.Equal($"The chat model at {server.Endpoint} did not answer: it took longer than the time allowed. This is the extractive answer.", answer.Notice);
    }

    [Theory]
    [InlineData("this is not a stream of events", "it returned an empty answer")]
    [InlineData("data: {\"choices\": [ {\"delta\": \n\n", "its reply was not the JSON of OpenAI's chat API")]
    public async Task A_malformed_reply_gives_the_extractive_answer_with_a_notice(string body, string reason)
    {
        server.Enqueue(new ChatServerReply { RawBody = body });

        var answer = await ((IAnswerer)Answerer()).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.True(answer.Found);
        Assert.Equal($"The chat model at {server.Endpoint} did not answer: {reason}. This is the extractive answer.", answer.Notice);
    }

    [Fact]
    public async Task A_server_error_gives_the_extractive_answer_naming_the_status()
    {
        server.Enqueue(new ChatServerReply { Status = 500 });

        var answer = await ((IAnswerer)Answerer()).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.Contains("500", answer.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_gives_the_extractive_answer_with_a_notice()
    {
        var closed = new Uri($"http://127.0.0.1:{server.Port}/v1");
        server.Dispose();

        var answer = await ((IAnswerer)Answerer(endpoint: closed)).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.Contains("harbour office window", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith($"The chat model at {closed} did not answer", answer.Notice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:11434/v1")]
    [InlineData("http://localhost:1234/v1")]
    [InlineData("http://[::1]:8080/v1")]
    [InlineData("http://127.8.9.10:8080/v1")]
    public void Loopback_chat_servers_are_accepted(string url) =>
        Assert.Equal(new Uri(url), ChatEndpoint.Check(url, allowRemote: false));

    [Theory]
    [InlineData("http://192.168.1.20:11434/v1")]
    [InlineData("https://api.example.com/v1")]
    [InlineData("http://127.0.0.1.example.com/v1")]
    public void A_chat_server_beyond_this_machine_is_refused_unless_allowed(string url)
    {
        var refused = Assert.Throws<ChatSetupException>(() => ChatEndpoint.Check(url, allowRemote: false));
        Assert.Contains("ChatAllowRemote", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri(url), ChatEndpoint.Check(url, allowRemote: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://127.0.0.1/v1")]
    [InlineData("127.0.0.1:11434")]
    public void A_chat_url_that_is_not_an_http_address_is_refused(string url) =>
        Assert.Throws<ChatSetupException>(() => ChatEndpoint.Check(url, allowRemote: true));

    public void Dispose() => server.Dispose();
}
