using DocShelf.Search.Hybrid;
using DocShelf.Search.Semantic;

namespace DocShelf.Search;

/// <summary>
/// How a shelf's searcher is made when the shelf is opened. <paramref name="Semantic"/> is called once the store is
/// open, to connect the embedding model in use (null for words only); the shelf owns what it returns.
/// </summary>
public sealed record SearchSetup(Func<Shelf, SemanticIndex?>? Semantic = null, IHybridFusion? Fusion = null)
{
    /// <summary>Lexical search only, with the default fusion.</summary>
    public static SearchSetup WordsOnly { get; } = new();
}
