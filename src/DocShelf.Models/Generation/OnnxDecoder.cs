using DocShelf.Models.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DocShelf.Models.Generation;

/// <summary>
/// A causal language model on ONNX Runtime, exported with a key-value cache (past_key_values.N.key/value in,
/// present.N.key/value out): the prompt is read in one pass, then each new token is one pass over that token alone,
/// the cache carrying what came before. Float32 and float16 exports both run; the cache keeps the graph's own type.
/// </summary>
public sealed class OnnxDecoder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string PositionIds = "position_ids";
    private const string CacheBranch = "use_cache_branch";
    private const string PastPrefix = "past_key_values.";

    private readonly InferenceSession session;
    private readonly DecoderModelConfig config;
    private readonly string[] pastNames;
    private readonly string[] outputNames;
    private readonly TensorElementType cacheType;
    private readonly long[] emptyCacheShape;

    /// <param name="threads">Threads for one pass; all cores by default.</param>
    public OnnxDecoder(DecoderModelConfig config, int? threads = null)
    {
        this.config = config;
        OfflineOnnxRuntime.Prepare();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads ?? Environment.ProcessorCount,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // Exports often carry initialisers the optimiser drops with a warning; a reader of `docshelf ask` needs only errors.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        session = new InferenceSession(config.ModelPath, options);
        pastNames = [.. session.InputMetadata.Keys.Where(n => n.StartsWith(PastPrefix, StringComparison.Ordinal)).OrderBy(CacheOrder)];
        CheckInputs();
        outputNames = ["logits", .. pastNames.Select(n => "present." + n[PastPrefix.Length..])];
        var missing = outputNames.Where(n => !session.OutputMetadata.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The model lacks the outputs {string.Join(", ", missing)}; DocShelf runs decoders exported with logits and present.N.key/value.");
        }

        var cache = session.InputMetadata[pastNames[0]];
        cacheType = cache.ElementDataType;
        emptyCacheShape = [1, Known(cache.Dimensions[1], config.CacheHeads, "key-value heads"), 0, Known(cache.Dimensions[3], config.HeadSize, "head size")];
    }

    public DecoderModelConfig Config => config;

    /// <summary>
    /// The tokens that follow <paramref name="prompt"/>, one at a time, until an end token (not returned), the
    /// token limit or the model's context is reached. Cancelling stops a pass already under way.
    /// </summary>
    public IEnumerable<int> Generate(IReadOnlyList<int> prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        if (prompt.Count == 0)
        {
            throw new ArgumentException("A prompt needs at least one token.", nameof(prompt));
        }

        if (prompt.Count >= config.MaxPositions)
        {
            throw new PromptTooLongException(prompt.Count, config.MaxPositions);
        }

        return GenerateTokens(prompt, options, cancellationToken);
    }

    public void Dispose() => session.Dispose();

    private IEnumerable<int> GenerateTokens(IReadOnlyList<int> prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        var sampler = new TokenSampler(options.Temperature, options.TopP, options.Seed);
        using var runOptions = new RunOptions();
        using var stop = cancellationToken.Register(() => runOptions.Terminate = true);
        var cache = new DecoderCache(pastNames.Select(_ => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, cacheType, emptyCacheShape)).ToArray());
        try
        {
            long[] input = [.. prompt.Select(id => (long)id)];
            var past = 0;
            for (var produced = 0; produced < options.MaxNewTokens && past + input.Length <= config.MaxPositions; produced++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = sampler.Next(Step(input, past, cache, runOptions));
                if (config.EndTokenIds.Contains(next))
                {
                    yield break;
                }

                yield return next;
                past += input.Length;
                input = [next];
            }
        }
        finally
        {
            cache.Dispose();
        }
    }

    /// <summary>One pass: feeds the new tokens with the cache, keeps the grown cache, returns the last position's logits.</summary>
    private float[] Step(long[] tokens, int past, DecoderCache cache, RunOptions runOptions)
    {
        var total = past + tokens.Length;
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal)
        {
            [InputIds] = OrtValue.CreateTensorValueFromMemory(tokens, [1, tokens.Length]),
            [AttentionMask] = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, total).ToArray(), [1, total]),
        };
        if (session.InputMetadata.ContainsKey(PositionIds))
        {
            inputs[PositionIds] = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(past, tokens.Length).Select(p => (long)p).ToArray(), [1, tokens.Length]);
        }

        if (session.InputMetadata.ContainsKey(CacheBranch))
        {
            inputs[CacheBranch] = OrtValue.CreateTensorValueFromMemory(new[] { past > 0 }, [1]);
        }

        try
        {
            string[] names = [.. inputs.Keys, .. pastNames];
            OrtValue[] values = [.. inputs.Values, .. cache.Values];
            var outputs = session.Run(runOptions, names, values, outputNames);
            cache.Replace(outputs);
            return LastLogits(outputs[0]);
        }
        finally
        {
            foreach (var value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }

    private static float[] LastLogits(OrtValue logits)
    {
        var shape = logits.GetTensorTypeAndShape();
        var vocabulary = (int)shape.Shape[^1];
        var offset = (int)(shape.ElementCount - vocabulary); // some exports give the last position only
        if (shape.ElementDataType == TensorElementType.Float16)
        {
            var halves = logits.GetTensorDataAsSpan<Float16>().Slice(offset, vocabulary);
            var floats = new float[vocabulary];
            for (var i = 0; i < vocabulary; i++)
            {
                floats[i] = halves[i].ToFloat();
            }

            return floats;
        }

        return logits.GetTensorDataAsSpan<float>().Slice(offset, vocabulary).ToArray();
    }

    private void CheckInputs()
    {
        var declared = session.InputMetadata.Keys.ToList();
        if (!declared.Contains(InputIds) || !declared.Contains(AttentionMask))
        {
            throw new InvalidDataException($"The model declares the inputs {string.Join(", ", declared)}; a decoder needs input_ids and attention_mask.");
        }

        if (pastNames.Length == 0)
        {
            throw new InvalidDataException("The model has no past_key_values inputs; export it with its key-value cache (for example optimum-cli's text-generation-with-past task).");
        }

        var unknown = declared.Except([InputIds, AttentionMask, PositionIds, CacheBranch, .. pastNames]).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"The model asks for inputs DocShelf cannot give: {string.Join(", ", unknown)}.");
        }

        var types = pastNames.Select(n => session.InputMetadata[n].ElementDataType).Distinct().ToList();
        if (types.Count != 1 || types[0] is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new InvalidDataException($"The model's key-value cache is {string.Join(" and ", types)}; DocShelf runs float32 and float16 caches.");
        }
    }

    /// <summary>past_key_values.2.key sorts by layer, then key before value, so inputs and outputs pair up.</summary>
    private static (int Layer, string Kind) CacheOrder(string name)
    {
        var parts = name[PastPrefix.Length..].Split('.');
        return (int.TryParse(parts[0], out var layer) ? layer : int.MaxValue, parts.Length > 1 ? parts[1] : "");
    }

    private static long Known(int declared, int? configured, string what) =>
        declared > 0 ? declared
        : configured is > 0 ? configured.Value
        : throw new InvalidDataException($"Neither the model's graph nor its config.json gives the {what} of its key-value cache.");
}
