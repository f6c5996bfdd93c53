using DocShelf.Answering.Answers;
using DocShelf.Answering.Chat;
using DocShelf.Fixtures;
using DocShelf.Models.GenAi;
using DocShelf.Models.Generation;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Answering.Tests;

/// <summary>
/// The local backend with the generated tiny decoder through ONNX Runtime GenAI (ChatML template, 1,024 tokens of
/// context, random weights). Its text is known from the model's own greedy run, so what reaches the answerer can be
/// checked; it never cites a source, so its answers end in the extractive fallback, which is what a model that
/// ignores its instructions should get.
/// </summary>
public sealed class GenAiChatAnswererTests(AnsweringShelf shelf) : IClassFixture<AnsweringShelf>
{
    private const string LampQuestion = "Where will the temporary red light be shown until the breakwater lamp is restored?";
    private static readonly string TinyDecoder = Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", "tiny-decoder");
    private static readonly ChatLoading Loading = new(ContextTokens: 4096, Threads: () => 2);
    private static readonly ChatAnswererOptions FewSources = new() { Sources = 1, MaxSourceCharacters = 200, MaxTokens = 12 };

    private ChatAnswerer Answerer(ChatAnswererOptions options) =>
        new(shelf.Shelf.Searcher, shelf.Shelf.Store, ChatBackends.Local(Open(TinyDecoder), "tiny-decoder", options), options);

    [Fact]
    public async Task The_model_streams_its_greedy_text_and_an_uncited_answer_falls_back_with_a_notice()
    {
        using var answerer = Answerer(FewSources);
        var hits = await shelf.Shelf.Searcher.SearchAsync(LampQuestion, 1, null, shelf.Shelf.Searcher.Modes[^1], cancellationToken: CancellationToken.None);
        var (history, _) = SourcePrompt.Build(LampQuestion, [(shelf.Shelf.Store.FindChunk(hits[0].ChunkId)!, hits[0].Path)], FewSources.MaxSourceCharacters);
        using var generator = Open(TinyDecoder);
        var prompt = generator.ChatPromptFor(history.Select(m => new ChatTurn(m.Role.Label, m.Content!)));
        var expected = string.Concat(generator.Generate(prompt, new GenerationOptions { MaxNewTokens = 12, StopSequences = generator.ChatStops([]) }));

        var updates = new List<AnswerUpdate>();
        await foreach (var update in answerer.StreamAsync(LampQuestion))
        {
            updates.Add(update);
        }

        LocalModelAnswer.StreamedItsDraftThenFellBack(LampQuestion, prompt, expected, updates);
    }

    [Fact]
    public async Task A_model_folder_that_no_longer_loads_gives_the_extractive_answer_with_the_runtimes_reason()
    {
        var damaged = Directory.CreateTempSubdirectory("docshelf-genai-").FullName;
        FolderCopy.Copy(TinyDecoder, damaged);

        var graph = Path.Combine(damaged, "model.onnx");
        await File.WriteAllBytesAsync(graph, (await File.ReadAllBytesAsync(graph))[..1000]);
        using var generator = new OnDemandChatGenerator(damaged, () => Open(damaged), unloadAfter: null);
        using var answerer = new ChatAnswerer(shelf.Shelf.Searcher, shelf.Shelf.Store, ChatBackends.Local(generator, "tiny-decoder", FewSources), FewSources);

        var answer = await ((IAnswerer)answerer).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.True(answer.Found);
        Assert.Matches("^The chat model at .*docshelf-genai-.* did not answer: ONNX Runtime GenAI could not load the model: ", answer.Notice);
        Directory.Delete(damaged, recursive: true);
    }

    [Fact]
    public async Task A_question_longer_than_the_models_context_gives_the_extractive_answer_with_the_reason()
    {
        var options = new ChatAnswererOptions { Sources = 5, MaxSourceCharacters = 1200, MaxTokens = 1000 };
        using var answerer = Answerer(options);

        var answer = await ((IAnswerer)answerer).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.True(answer.Found);
        Assert.Matches(@"^The chat model at .*tiny-decoder did not answer: the prompt takes \d+ tokens, and the model's context leaves it room for 24;", answer.Notice);
    }

    [Fact]
    public async Task The_service_reads_token_limit_and_stop_sequences_from_the_request_settings()
    {
        using var service = new LocalChatCompletionService(Open(TinyDecoder), "tiny-decoder");
        using var generator = Open(TinyDecoder);
        var history = new ChatHistory("Answer briefly.");
        history.AddUserMessage("Where was the lamp?");
        var prompt = generator.ChatPromptFor([new ChatTurn("system", "Answer briefly."), new ChatTurn("user", "Where was the lamp?")]);
        var free = string.Concat(generator.Generate(prompt, new GenerationOptions { MaxNewTokens = 20, StopSequences = generator.ChatStops([]) }));
        var stop = free.Substring(4, 2);

        var limited = await service.GetChatMessageContentsAsync(history, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 20 } });
        var stopped = await service.GetChatMessageContentsAsync(history, new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["max_tokens"] = "20", ["stop"] = new[] { stop } },
        });

        Assert.Equal(free, Assert.Single(limited).Content);
        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], Assert.Single(stopped).Content);
    }

    [Fact]
    public async Task A_reader_that_stops_early_stops_the_generation()
    {
        using var service = new LocalChatCompletionService(Open(TinyDecoder), "tiny-decoder");
        var history = new ChatHistory();
        history.AddUserMessage("Tell me about the harbour.");
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 900 } };

        var read = 0;
        await foreach (var piece in service.GetStreamingChatMessageContentsAsync(history, settings))
        {
            if (++read == 2)
            {
                break;
            }
        }

        // Disposing the stream waited for the generation to end; the model is free for the next request at once.
        var next = await service.GetChatMessageContentsAsync(history, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 3 } });
        Assert.Equal(2, read);
        Assert.NotEmpty(Assert.Single(next).Content!);
    }

    private static GenAiGenerator Open(string folder) => GenAiGenerator.Open(folder, Loading);
}
