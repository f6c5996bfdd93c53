using System.Numerics.Tensors;
using DocShelf.Models.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace DocShelf.Models.Embeddings;

/// <summary>
/// Sentence embeddings from a BERT-family model exported to ONNX, on ONNX Runtime and all cores. It feeds the
/// inputs the graph declares (input_ids, attention_mask, and token_type_ids when present), embeds text longer than
/// the model's window as several windows averaged, runs inputs in batches of like length padded to their longest
/// member, and pools and normalises as the model's configuration says.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly EmbeddingModelConfig config;
    private readonly GraphSource graph;
    private readonly InferenceSession session;
    private readonly WordPieceEncoder encoder;
    private readonly string[] inputNames;
    private readonly string outputName;
    /// <summary>The most token positions one batch holds, padding included: 32 sentences of a line, or 8 full windows.</summary>
    private const int MaxBatchTokens = 4096;

    private readonly int batchSize;
    private readonly bool wholeText;
    private readonly EmbeddingGeneratorMetadata metadata;
    private bool disposed;

    /// <param name="threads">Threads for one inference; all cores by default.</param>
    /// <param name="wholeText">
    /// Embed text longer than the model's window as overlapping windows whose vectors are averaged (the default), or
    /// cut it at the window as sentence-transformers does.
    /// </param>
    public OnnxEmbeddingGenerator(EmbeddingModelConfig config, string modelName, int? threads = null, int batchSize = 32, bool wholeText = true)
        : this(config, modelName, GraphSource.File(config.ModelPath), WordPieceEncoder.Create(config), threads, batchSize, wholeText)
    {
    }

    private OnnxEmbeddingGenerator(
        EmbeddingModelConfig config, string modelName, GraphSource graph, WordPieceEncoder encoder, int? threads, int batchSize, bool wholeText)
    {
        this.config = config;
        this.graph = graph;
        this.encoder = encoder;
        this.batchSize = Math.Max(1, batchSize);
        this.wholeText = wholeText;
        session = graph.Open(threads ?? Environment.ProcessorCount);
        inputNames = CheckInputs(session);
        outputName = ChooseOutput(session);
        Dimensions = (int)session.OutputMetadata[outputName].Dimensions[^1];
        metadata = new EmbeddingGeneratorMetadata("onnxruntime", new Uri(Path.GetFullPath(config.ModelPath)), modelName, Dimensions > 0 ? Dimensions : null);
    }

    /// <summary>
    /// A generator for a model held in memory rather than in files (the built-in model, read from its package or
    /// from the optimised graph saved of it); <paramref name="config"/>'s paths only name where the bytes came from.
    /// </summary>
    public static OnnxEmbeddingGenerator FromMemory(
        EmbeddingModelConfig config, string modelName, GraphSource graph, byte[] vocabulary, int? threads = null, bool wholeText = true)
    {
        using var words = new MemoryStream(vocabulary, writable: false);
        return new(config, modelName, graph, WordPieceEncoder.Create(config, words), threads, batchSize: 32, wholeText);
    }

    /// <summary>Length of the vectors, or -1 when the graph leaves it open (learned on the first batch).</summary>
    public int Dimensions { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this); // a closed session answers only with an unclear native error
        var windows = values.Select(text => wholeText ? encoder.EncodeWindows(text) : [encoder.Encode(text)]).ToList();
        var flat = windows.SelectMany(w => w).ToArray();
        var vectors = Embed(flat, cancellationToken);

        var created = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(windows.Count);
        var next = 0;
        foreach (var text in windows)
        {
            var vector = text.Count == 1 ? vectors[next] : Combine(vectors.AsSpan(next, text.Count), text);
            embeddings.Add(new Embedding<float>(vector) { ModelId = metadata.DefaultModelId, CreatedAt = created });
            next += text.Count;
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        disposed = true;
        session.Dispose();
        graph.Release();
    }

    /// <summary>One vector per input, in the order given.</summary>
    private float[][] Embed(IReadOnlyList<int>[] encoded, CancellationToken cancellationToken)
    {
        // Inputs of like length go in one batch, so little of each batch is padding; the order given is restored after.
        // One batch at a time on all cores measured faster than two batches side by side on one core each.
        var byLength = Enumerable.Range(0, encoded.Length).OrderBy(i => encoded[i].Count).ToArray();
        var vectors = new float[encoded.Length][];
        foreach (var batch in Batches(byLength, encoded))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pooled = RunBatch([.. batch.Select(i => encoded[i])]);
            for (var k = 0; k < batch.Length; k++)
            {
                vectors[batch[k]] = pooled[k];
            }
        }

        return vectors;
    }

    /// <summary>
    /// Runs of the length-sorted inputs, each at most batchSize inputs and at most <see cref="MaxBatchTokens"/> once
    /// padded to its longest. Without the second bound, a long text sent with short ones (a chunk with its own
    /// sentences) padded them all to its length: twelve files embedded one call each took 16 s, and 3 s with it.
    /// </summary>
    private IEnumerable<int[]> Batches(int[] byLength, IReadOnlyList<int>[] encoded)
    {
        var batch = new List<int>(batchSize);
        foreach (var input in byLength)
        {
            // Sorted by length, so the input added is the batch's longest: the padded size is count × its length.
            if (batch.Count > 0 && (batch.Count == batchSize || (batch.Count + 1) * encoded[input].Count > MaxBatchTokens))
            {
                yield return [.. batch];
                batch.Clear();
            }

            batch.Add(input);
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    /// <summary>A long text's vector: its windows' vectors averaged, each weighed by the words it holds.</summary>
    private float[] Combine(ReadOnlySpan<float[]> parts, IReadOnlyList<IReadOnlyList<int>> windows)
    {
        var combined = new float[parts[0].Length];
        for (var i = 0; i < parts.Length; i++)
        {
            TensorPrimitives.MultiplyAdd(parts[i], windows[i].Count - 2f, combined, combined);
        }

        if (config.Normalize)
        {
            TensorPrimitives.Divide(combined, TensorPrimitives.Norm(combined), combined);
        }
        else
        {
            TensorPrimitives.Divide(combined, windows.Sum(w => w.Count - 2f), combined);
        }

        return combined;
    }

    private List<float[]> RunBatch(List<IReadOnlyList<int>> encoded)
    {
        var width = encoded.Max(ids => ids.Count);
        var ids = new long[encoded.Count * width];
        var mask = new long[encoded.Count * width];
        for (var row = 0; row < encoded.Count; row++)
        {
            for (var column = 0; column < encoded[row].Count; column++)
            {
                ids[(row * width) + column] = encoded[row][column];
                mask[(row * width) + column] = 1;
            }
        }

        long[] shape = [encoded.Count, width];
        var values = new Dictionary<string, OrtValue>(StringComparer.Ordinal)
        {
            [InputIds] = OrtValue.CreateTensorValueFromMemory(ids, shape),
            [AttentionMask] = OrtValue.CreateTensorValueFromMemory(mask, shape),
        };
        if (inputNames.Contains(TokenTypeIds))
        {
            values[TokenTypeIds] = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        }

        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputNames, [.. inputNames.Select(n => values[n])], [outputName]);
            return Pool(outputs[0], encoded.Select(e => e.Count).ToList(), width);
        }
        finally
        {
            foreach (var value in values.Values)
            {
                value.Dispose();
            }
        }
    }

    private List<float[]> Pool(OrtValue output, List<int> lengths, int width)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        var data = output.GetTensorDataAsSpan<float>();
        var dimensions = (int)shape[^1];
        Dimensions = dimensions;
        var vectors = new List<float[]>(lengths.Count);
        for (var row = 0; row < lengths.Count; row++)
        {
            vectors.Add(shape.Length == 2
                ? Pooler.Pool(data.Slice(row * dimensions, dimensions), 1, dimensions, Pooling.Cls, config.Normalize) // already pooled by the graph
                : Pooler.Pool(data.Slice(row * width * dimensions, width * dimensions), lengths[row], dimensions, config.Pooling, config.Normalize));
        }

        return vectors;
    }

    private static string[] CheckInputs(InferenceSession session)
    {
        var declared = session.InputMetadata.Keys.ToArray();
        foreach (var required in new[] { InputIds, AttentionMask })
        {
            if (!declared.Contains(required))
            {
                throw new InvalidDataException($"The model has no {required} input (it declares {string.Join(", ", declared)}); DocShelf reads BERT-family exports only.");
            }
        }

        var unknown = declared.Except([InputIds, AttentionMask, TokenTypeIds]).ToList();
        return unknown.Count == 0
            ? declared
            : throw new InvalidDataException($"The model asks for inputs DocShelf cannot give: {string.Join(", ", unknown)}.");
    }

    /// <summary>The per-token output (last_hidden_state, or the first of rank 3), else a pooled one of rank 2.</summary>
    private static string ChooseOutput(InferenceSession session)
    {
        var outputs = session.OutputMetadata;
        if (outputs.ContainsKey("last_hidden_state"))
        {
            return "last_hidden_state";
        }

        return outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 3).Key
            ?? outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 2).Key
            ?? throw new InvalidDataException("The model has no output shaped like token or sentence vectors.");
    }
}
