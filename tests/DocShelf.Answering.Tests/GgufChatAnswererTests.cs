using DocShelf.Answering.Answers;
using DocShelf.Answering.Chat;
using DocShelf.Fixtures;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;

namespace DocShelf.Answering.Tests;

/// <summary>
/// The local backend with the generated tiny GGUF model (llama architecture, ChatML template, 512 tokens of context,
/// random weights) through llama.cpp, loaded at the first question as the service loads it. Its greedy text is known
/// from the model's own run, so what reaches the answerer can be checked; it never cites a source, so its answers end
/// in the extractive fallback, as a model that ignores its instructions should.
/// </summary>
public sealed class GgufChatAnswererTests(AnsweringShelf shelf) : IClassFixture<AnsweringShelf>
{
    private const string LampQuestion = "Where will the temporary red light be shown until the breakwater lamp is restored?";
    private static readonly string TinyLlama = Path.Combine(RepositoryPaths.Root, "tests", "DocShelf.Models.Tests", "TinyModels", "tiny-llama", "model.gguf");
    private static readonly ChatLoading Loading = new(ContextTokens: 512, Threads: () => 2);
    private static readonly ChatAnswererOptions ManySources = new() { Sources = 5, MaxSourceCharacters = 1200, MaxTokens = 12 };

    [Fact]
    public async Task Sources_are_trimmed_to_the_models_context_and_its_greedy_text_streams_before_the_uncited_answer_falls_back()
    {
        using var generator = new OnDemandChatGenerator(TinyLlama, () => GgufGenerator.Open(TinyLlama, Loading), unloadAfter: null);
        using var answerer = new ChatAnswerer(shelf.Shelf.Searcher, shelf.Shelf.Store, ChatBackends.Local(generator, "tiny-llama", ManySources), ManySources);
        Assert.False(generator.IsLoaded);

        var updates = await Collect(answerer.StreamAsync(LampQuestion));

        // The same sources, fitted the same way, through a model of the reader's own.
        var hits = await shelf.Shelf.Searcher.SearchAsync(LampQuestion, ManySources.Sources, null, shelf.Shelf.Searcher.BestMode, cancellationToken: CancellationToken.None);
        using var reference = GgufGenerator.Open(TinyLlama, Loading);
        var room = reference.ContextTokens - ManySources.MaxTokens;
        var (history, kept) = SourcePrompt.Build(
            LampQuestion,
            [.. hits.Select(h => (shelf.Shelf.Store.FindChunk(h.ChunkId)!, h.Path))],
            ManySources.MaxSourceCharacters,
            h => (reference.CountTokens(reference.ChatPromptFor(LocalChatCompletionService.TurnsOf(h))), room));
        var prompt = reference.ChatPromptFor(LocalChatCompletionService.TurnsOf(history));
        var expected = string.Concat(reference.Generate(prompt, new GenerationOptions { MaxNewTokens = ManySources.MaxTokens }));

        Assert.True(generator.IsLoaded, "the first question loads the model, and it stays loaded");
        Assert.InRange(kept, 1, hits.Count - 1); // five sources of 1,200 characters would not fit in 500 tokens
        Assert.InRange(reference.CountTokens(prompt), room - 200, room);
        LocalModelAnswer.StreamedItsDraftThenFellBack(LampQuestion, prompt, expected, updates);
    }

    [Fact]
    public async Task A_model_file_that_no_longer_loads_gives_the_extractive_answer_with_llama_cpps_reason()
    {
        var damaged = Path.Combine(Directory.CreateTempSubdirectory("docshelf-gguf-").FullName, "model.gguf");
        var bytes = await File.ReadAllBytesAsync(TinyLlama);
        await File.WriteAllBytesAsync(damaged, bytes[..(bytes.Length / 2)]);
        using var generator = new OnDemandChatGenerator(damaged, () => GgufGenerator.Open(damaged, Loading), unloadAfter: null);
        using var answerer = new ChatAnswerer(shelf.Shelf.Searcher, shelf.Shelf.Store, ChatBackends.Local(generator, "tiny-llama", ManySources), ManySources);

        var answer = await ((IAnswerer)answerer).AnswerAsync(LampQuestion);

        Assert.Equal("extractive", answer.Answerer);
        Assert.True(answer.Found);
        Assert.Matches("^The chat model at .*model.gguf did not answer: Reading model.gguf failed: .*not within the file bounds", answer.Notice);
        Directory.Delete(Path.GetDirectoryName(damaged)!, recursive: true);
    }

    [Fact]
    public async Task A_model_left_idle_is_let_go_and_the_next_question_loads_it_again()
    {
        var opened = 0;
        using var generator = new OnDemandChatGenerator(TinyLlama, () => { opened++; return GgufGenerator.Open(TinyLlama, Loading); }, unloadAfter: TimeSpan.FromMilliseconds(200));
        using var answerer = new ChatAnswerer(shelf.Shelf.Searcher, shelf.Shelf.Store, ChatBackends.Local(generator, "tiny-llama", ManySources), ManySources);

        await ((IAnswerer)answerer).AnswerAsync(LampQuestion);
        var unloaded = await Eventually(() => !generator.IsLoaded);
        await ((IAnswerer)answerer).AnswerAsync(LampQuestion);

        Assert.True(unloaded, "the model was still loaded ten seconds after its last question");
        Assert.Equal(2, opened);
        Assert.True(generator.IsLoaded);
    }

    private static async Task<List<AnswerUpdate>> Collect(IAsyncEnumerable<AnswerUpdate> stream)
    {
        var updates = new List<AnswerUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var waited = 0; waited < 10_000 && !condition(); waited += 50)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
