using System.Text;
using DocShelf.Models.Generation;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;

namespace DocShelf.Models.Gguf;

/// <summary>
/// A GGUF chat model in this process, through llama.cpp. The conversation is laid out by the chat template in the
/// file's metadata, which llama.cpp applies for the families it knows (ChatML, Llama 3, Phi 3, Gemma, Mistral and
/// more); the answer ends at the model's own end-of-turn token. The weights and the context stay loaded between
/// answers, which are made one at a time.
/// </summary>
public sealed class GgufGenerator : IChatGenerator
{
    private readonly LLamaWeights weights;
    private readonly LLamaContext context;
    private readonly IReadOnlyList<string> specialTexts;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly Func<int> threads;

    private GgufGenerator(string path, GgufFacts facts, LLamaWeights weights, LLamaContext context, Func<int> threads)
    {
        this.threads = threads;
        Source = path;
        Facts = facts;
        this.weights = weights;
        this.context = context;
        specialTexts = SpecialTexts(weights);
    }

    public string Source { get; }

    public GgufFacts Facts { get; }

    public int ContextTokens => (int)context.ContextSize;

    /// <summary>
    /// Loads the model, once its file has been described and this machine found to hold it; a model larger than the
    /// memory available is refused with the figures.
    /// </summary>
    /// <exception cref="ChatModelException">The file does not load, or does not fit.</exception>
    public static GgufGenerator Open(string path, ChatLoading loading)
    {
        var facts = GgufFile.Describe(path);
        var contextTokens = Math.Min(loading.ContextTokens, facts.TrainedContext);
        MemoryNeed.Check(Path.GetFileName(path), facts.WeightBytes, facts.CacheBytes(contextTokens), contextTokens);
        return LlamaRuntime.Run($"Loading {Path.GetFileName(path)}", () =>
        {
            var parameters = new ModelParams(path)
            {
                ContextSize = (uint)contextTokens,
                Threads = Math.Max(1, loading.Threads()),
                BatchThreads = Math.Max(1, loading.Threads()),
                GpuLayerCount = 0,
            };
            var weights = LLamaWeights.LoadFromFile(parameters);
            try
            {
                return new GgufGenerator(path, facts, weights, weights.CreateContext(parameters), loading.Threads);
            }
            catch
            {
                weights.Dispose();
                throw;
            }
        });
    }

    public string ChatPromptFor(IEnumerable<ChatTurn> turns)
    {
        var template = new LLamaTemplate(weights) { AddAssistant = true };
        foreach (var turn in turns)
        {
            template.Add(turn.Role.ToLowerInvariant(), WithoutSpecialTokens(turn.Text));
        }

        return Encoding.UTF8.GetString(template.Apply());
    }

    /// <summary>The model's end-of-turn tokens stop it by themselves; only the caller's stops are text.</summary>
    public IReadOnlyList<string> ChatStops(IEnumerable<string> stops) => [.. stops.Distinct()];

    public int CountTokens(string text) => Tokenize(text).Length;

    /// <summary>The tokens of a prompt: special tokens written in it read as themselves, a beginning token added where the model wants one.</summary>
    public IReadOnlyList<int> TokenIds(string text) => [.. Tokenize(text).Select(t => (int)t)];

    public IEnumerable<string> Generate(string prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        var decoder = new TokenText(weights.NativeHandle);
        return GeneratedText.Pieces(
            Tokens(TokenIds(prompt), options, cancellationToken), token => decoder.Add((LLamaToken)token), decoder.Finish, options.StopSequences);
    }

    /// <summary>
    /// The tokens the model makes after <paramref name="prompt"/>, up to its end-of-turn token (not given) or the
    /// options' limit: the likeliest each time at temperature 0, else sampled by llama.cpp's own chain.
    /// </summary>
    public IEnumerable<int> Tokens(IReadOnlyList<int> prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        PromptTooLongException.ThrowIfNoRoom(prompt.Count, ContextTokens);

        oneAtATime.Wait(cancellationToken);
        try
        {
            foreach (var token in Continue(prompt, Math.Min(options.MaxNewTokens, ContextTokens - prompt.Count), options, cancellationToken))
            {
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
        context.Dispose();
        weights.Dispose();
        oneAtATime.Dispose();
    }

    private IEnumerable<int> Continue(IReadOnlyList<int> prompt, int limit, GenerationOptions options, CancellationToken cancellationToken)
    {
        var handle = context.NativeHandle;
        handle.MemoryClear();
        context.GenerationThreads = context.BatchThreads = Math.Max(1, threads());
        using var sampler = options.Temperature > 0
            ? new DefaultSamplingPipeline { Temperature = (float)options.Temperature, TopP = (float)options.TopP, Seed = (uint)(options.Seed ?? Random.Shared.Next()) }
            : null;
        var batch = new LLamaBatch();
        for (var start = 0; start < prompt.Count; start += (int)context.BatchSize)
        {
            batch.Clear();
            for (var i = start; i < Math.Min(prompt.Count, start + (int)context.BatchSize); i++)
            {
                batch.Add((LLamaToken)prompt[i], i, LLamaSeqId.Zero, logits: i == prompt.Count - 1);
            }

            Decode(batch, cancellationToken);
        }

        for (var position = prompt.Count; position < prompt.Count + limit; position++)
        {
            var token = sampler?.Sample(handle, batch.TokenCount - 1) ?? Likeliest(handle.GetLogitsIth(batch.TokenCount - 1));
            if (token.IsEndOfGeneration(weights.Vocab))
            {
                yield break;
            }

            sampler?.Accept(token);
            yield return (int)token;
            batch.Clear();
            batch.Add(token, position, LLamaSeqId.Zero, logits: true);
            Decode(batch, cancellationToken);
        }
    }

    private void Decode(LLamaBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = context.NativeHandle.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new ChatModelException($"llama.cpp could not run the model over the prompt ({result}).");
        }
    }

    private static LLamaToken Likeliest(Span<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return (LLamaToken)best;
    }

    private LLamaToken[] Tokenize(string text) => context.Tokenize(text, addBos: weights.Vocab.ShouldAddBOS, special: true);

    private string WithoutSpecialTokens(string text)
    {
        foreach (var special in specialTexts)
        {
            text = text.Replace(special, "", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The text of every control token (turn markers, end of text), longest first.</summary>
    private static List<string> SpecialTexts(LLamaWeights weights) =>
        [.. Enumerable.Range(0, weights.Vocab.Count)
            .Select(i => (LLamaToken)i)
            .Where(token => token.IsControl(weights.Vocab))
            .Select(token => weights.Vocab.LLamaTokenToString(token, isSpecialToken: true))
            .OfType<string>()
            .Where(text => text.Length > 0)
            .Distinct()
            .OrderByDescending(text => text.Length)];
}
