using System.Collections.Concurrent;
using System.Numerics.Tensors;
using DocShelf.Core.Text;
using Microsoft.Extensions.AI;

namespace DocShelf.Benchmarks;

/// <summary>
/// Passage vectors for a generated archive too large to embed with the model on this machine, made near real ones:
/// each distinct sentence is embedded once by the real model, and every passage gets the mean of its sentences'
/// real vectors moved a random short way (cosine about 0.86), so a million chunks built from some 150 sample
/// sentences still spread out as an archive's would, and queries the real model embeds land among them.
/// </summary>
public sealed class NearbyEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> model) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Per-dimension spread of the random move: for 384 dimensions, about 0.6 of a unit vector's length.</summary>
    private const float Spread = 0.03f;

    private readonly ConcurrentDictionary<string, float[]> sentences = new(StringComparer.Ordinal);
    private readonly Random random = new(23);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var parts = texts.Select(t => SentenceSpans.Of(t).Select(s => t[s.Start..s.End].Trim()).DefaultIfEmpty(t.Trim()).ToList()).ToList();
        var unseen = parts.SelectMany(p => p).Where(s => !sentences.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        if (unseen.Count > 0)
        {
            var embedded = await model.GenerateAsync(unseen, options, cancellationToken);
            foreach (var (sentence, vector) in unseen.Zip(embedded))
            {
                sentences[sentence] = vector.Vector.ToArray();
            }
        }

        return [.. parts.Select(p => new Embedding<float>(Nearby(p)))];
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : model.GetService(serviceType, serviceKey);

    public void Dispose() => model.Dispose();

    private float[] Nearby(List<string> parts)
    {
        var vector = new float[sentences[parts[0]].Length];
        foreach (var part in parts)
        {
            TensorPrimitives.Add(vector, sentences[part], vector);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        lock (random)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] += Spread * Gaussian();
            }
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    /// <summary>A draw from the standard normal distribution (Box-Muller); the caller holds the lock on the random source.</summary>
    private float Gaussian() => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
