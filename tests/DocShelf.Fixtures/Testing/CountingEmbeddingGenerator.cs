using Microsoft.Extensions.AI;

namespace DocShelf.Fixtures.Testing;

/// <summary>Passes texts on to another generator and counts how many it was asked to embed.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int embedded;

    public int Embedded => Volatile.Read(ref embedded);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Interlocked.Add(ref embedded, texts.Count);
        return base.GenerateAsync(texts, options, cancellationToken);
    }
}
