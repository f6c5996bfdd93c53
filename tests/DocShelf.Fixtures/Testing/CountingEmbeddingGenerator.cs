using Microsoft.Extensions.AI;

namespace DocShelf.Fixtures.Testing;

/// <summary>Passes texts on to another generator, and notes each text it was asked to embed.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly List<string> seen = [];

    public int Embedded
    {
        get
        {
            lock (seen)
            {
                return seen.Count;
            }
        }
    }

    /// <summary>Every text embedded so far, in order.</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (seen)
            {
                return [.. seen];
            }
        }
    }

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        lock (seen)
        {
            seen.AddRange(texts);
        }

        return base.GenerateAsync(texts, options, cancellationToken);
    }
}
