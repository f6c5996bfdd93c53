using System.Text.Json;
using System.Text.Json.Nodes;
using DocShelf.Models.Generation;
using DocShelf.Models.Runtime;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace DocShelf.Models.GenAi;

/// <summary>
/// An ONNX chat model in this process, through ONNX Runtime GenAI: its tokenizer, its key-value cache and its search
/// are GenAI's. The conversation is laid out by the chat template the folder carries; the answer ends at one of the
/// model's end tokens. The model stays loaded between answers, which are made one at a time, on the processor.
/// </summary>
public sealed class GenAiGenerator : IChatGenerator
{
    private readonly Model model;
    private readonly Tokenizer tokenizer;
    private readonly HashSet<int> endTokens;
    private readonly IReadOnlyList<string> specialTexts;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    private GenAiGenerator(string folder, GenAiFacts facts, int contextTokens, Model model, Tokenizer tokenizer)
    {
        Source = folder;
        Facts = facts;
        ContextTokens = contextTokens;
        this.model = model;
        this.tokenizer = tokenizer;
        endTokens = [.. tokenizer.GetEosTokenIds().ToArray()];
        specialTexts = SpecialTokens.Of(folder);
    }

    public string Source { get; }

    public GenAiFacts Facts { get; }

    public int ContextTokens { get; }

    /// <summary>
    /// Loads the model on the processor with <see cref="ChatLoading.Threads"/> threads, once its folder has been
    /// described and this machine found to hold it; a model larger than the memory available is refused with the figures.
    /// </summary>
    /// <exception cref="ChatModelException">The folder does not load as a GenAI model, or does not fit.</exception>
    public static GenAiGenerator Open(string folder, ChatLoading loading)
    {
        GenAiFacts facts;
        try
        {
            facts = GenAiFolder.Describe(folder);
        }
        catch (InvalidDataException error)
        {
            throw new ChatModelException(error.Message, error);
        }

        if (facts.ChatTemplate is null)
        {
            throw new ChatModelException($"{folder} gives no chat template (tokenizer_config.json's chat_template, or chat_template.jinja): DocShelf lays a question out in the model's own template.");
        }

        var contextTokens = Math.Min(loading.ContextTokens, facts.TrainedContext);
        MemoryNeed.Check(Path.GetFileName(folder), facts.WeightBytes, facts.CacheBytes(contextTokens), contextTokens);
        OfflineOnnxRuntime.Prepare();
        try
        {
            using var config = new Config(folder);
            // On the processor, whatever the export was made for; its threads as the caller says.
            config.ClearProviders();
            config.Overlay(ThreadsOverlay(Math.Max(1, loading.Threads())));
            var model = new Model(config);
            try
            {
                return new GenAiGenerator(folder, facts, contextTokens, model, new Tokenizer(model));
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        catch (OnnxRuntimeGenAIException error)
        {
            throw new ChatModelException($"ONNX Runtime GenAI could not load the model: {error.Message}", error);
        }
    }

    public string ChatPromptFor(IEnumerable<ChatTurn> turns)
    {
        var messages = new JsonArray([.. turns.Select(turn => new JsonObject
        {
            ["role"] = turn.Role.ToLowerInvariant(),
            ["content"] = WithoutSpecialTokens(turn.Text),
        })]);
        return tokenizer.ApplyChatTemplate(Facts.ChatTemplate, messages.ToJsonString(), null, true);
    }

    /// <summary>The model's end tokens stop it by themselves; only the caller's stops are text.</summary>
    public IReadOnlyList<string> ChatStops(IEnumerable<string> stops) => [.. stops.Distinct()];

    public int CountTokens(string text) => TokenIds(text).Count;

    /// <summary>The tokens of a prompt, special tokens written in it read as themselves.</summary>
    public IReadOnlyList<int> TokenIds(string text)
    {
        using var sequences = tokenizer.Encode(text);
        return sequences[0].ToArray();
    }

    public IEnumerable<string> Generate(string prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        var tokens = Tokens(TokenIds(prompt), options, cancellationToken);
        return Streamed(tokens, options.StopSequences);
    }

    /// <summary>
    /// The tokens the model makes after <paramref name="prompt"/>, up to an end token (not given) or the options'
    /// limit: the likeliest each time at temperature 0, else sampled by GenAI's own search.
    /// </summary>
    public IEnumerable<int> Tokens(IReadOnlyList<int> prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        PromptTooLongException.ThrowIfNoRoom(prompt.Count, ContextTokens);

        oneAtATime.Wait(cancellationToken);
        try
        {
            using var search = Search(prompt.Count, options);
            using var generator = new Generator(model, search);
            generator.AppendTokens([.. prompt]);
            while (!generator.IsDone())
            {
                cancellationToken.ThrowIfCancellationRequested();
                generator.GenerateNextToken();
                var token = generator.GetNextTokens()[0];
                if (endTokens.Contains(token))
                {
                    yield break;
                }

                yield return token;
            }
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    public void Dispose()
    {
        tokenizer.Dispose();
        model.Dispose();
        oneAtATime.Dispose();
    }

    private GeneratorParams Search(int promptTokens, GenerationOptions options)
    {
        var search = new GeneratorParams(model);
        search.SetSearchOption("max_length", Math.Min(ContextTokens, promptTokens + options.MaxNewTokens));
        search.SetSearchOption("do_sample", options.Temperature > 0);
        if (options.Temperature > 0)
        {
            search.SetSearchOption("temperature", options.Temperature);
            search.SetSearchOption("top_p", options.TopP);
            search.SetSearchOption("random_seed", options.Seed ?? Random.Shared.Next());
        }

        return search;
    }

    /// <summary>The tokens' text through GenAI's streaming decoder, which holds back a character's first bytes until its last.</summary>
    private IEnumerable<string> Streamed(IEnumerable<int> tokens, IReadOnlyList<string> stops)
    {
        using var stream = tokenizer.CreateStream();
        foreach (var piece in GeneratedText.Pieces(tokens, stream.Decode, () => "", stops))
        {
            yield return piece;
        }
    }

    private static string ThreadsOverlay(int threads) =>
        new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["decoder"] = new JsonObject { ["session_options"] = new JsonObject { ["intra_op_num_threads"] = threads } },
            },
        }.ToJsonString();

    private string WithoutSpecialTokens(string text)
    {
        foreach (var special in specialTexts)
        {
            text = text.Replace(special, "", StringComparison.Ordinal);
        }

        return text;
    }
}
