using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Fixtures.Testing;

/// <summary>A shelf's search with <see cref="ConceptEmbeddingGenerator"/> as its model, chunk and sentence vectors both.</summary>
public static class ConceptSearch
{
    /// <summary>The dimensions of the generator's vectors: one per concept, and one for words of none.</summary>
    public const int Dimensions = 6;

    public static SearchSetup Setup() =>
        new(shelf => new SemanticIndex(new ConceptEmbeddingGenerator(), shelf.Vectors("concepts", Dimensions), shelf.SentenceVectors("concepts", Dimensions)));
}
