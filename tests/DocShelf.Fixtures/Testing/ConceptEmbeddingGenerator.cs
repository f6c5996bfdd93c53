using Microsoft.Extensions.AI;

namespace DocShelf.Fixtures.Testing;

/// <summary>
/// A transparent stand-in for an embedding model in search tests: each word belongs to a concept (ship, vessel
/// and boat are one), and a text's vector counts its concepts. Semantic behaviour can then be checked exactly;
/// the real ONNX generator is tested against reference outputs in DocShelf.Models.Tests.
/// </summary>
public sealed class ConceptEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly string[][] Concepts =
    [
        ["ship", "ships", "vessel", "vessels", "boat", "boats", "brig"],
        ["storm", "gale", "gales", "tempest", "wind"],
        ["money", "pounds", "dues", "price", "cost"],
        ["light", "lamp", "lantern", "beacon"],
        ["illness", "fever", "cholera", "sickness"],
    ];

    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            var vector = new float[Concepts.Length + 1];
            vector[^1] = 0.05f; // every text shares a little, so no vector is zero
            foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                var concept = Array.FindIndex(Concepts, c => c.Contains(word));
                if (concept >= 0)
                {
                    vector[concept]++;
                }
            }

            embeddings.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
