using DocShelf.Search.Vectors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace DocShelf.Search.Semantic;

/// <summary>The dense half of the shelf: an embedding model and the collection of chunk vectors it made.</summary>
public sealed class SemanticIndex(IEmbeddingGenerator<string, Embedding<float>> generator, LiteDbVectorCollection vectors) : IDisposable
{
    public string Model => vectors.Name;

    public LiteDbVectorCollection Vectors => vectors;

    public IEmbeddingGenerator<string, Embedding<float>> Generator => generator;

    /// <summary>The chunks nearest in meaning to <paramref name="query"/>, best first, with their cosine similarity.</summary>
    public async Task<List<(ChunkVector Chunk, double Score)>> SearchAsync(
        string query, int top, Func<ChunkVector, bool>? accept, CancellationToken cancellationToken)
    {
        var embedding = await generator.GenerateVectorAsync(query, cancellationToken: cancellationToken);
        var options = accept is null ? null : new VectorSearchOptions<ChunkVector> { Filter = chunk => accept(chunk) };
        return await vectors.SearchAsync(embedding, top, options, cancellationToken)
            .Select(result => (result.Record, result.Score ?? 0))
            .ToListAsync(cancellationToken);
    }

    public void Dispose() => vectors.Dispose();
}
