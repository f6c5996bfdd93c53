using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Cli.Semantics;

/// <summary>Connects a shelf to the embedding model chosen with `docshelf models use`, when there is one.</summary>
public static class SemanticSetup
{
    /// <summary>Sets <see cref="ShelfSearcher.Semantic"/> and returns the index (to dispose), or null for a lexical-only shelf.</summary>
    public static SemanticIndex? Attach(Shelf shelf) => Attach(shelf, new ModelLibrary(shelf.DataDirectory));

    /// <summary>As <see cref="Attach(Shelf)"/>, with the model chosen in <paramref name="library"/>, which may belong to another data folder.</summary>
    public static SemanticIndex? Attach(Shelf shelf, ModelLibrary library)
    {
        if (library.ActiveEmbedding() is not { } name)
        {
            return null;
        }

        var manifest = library.Find(name) ?? throw new ModelImportException(
            $"The embedding model in use, {name}, is no longer in {library.Folder}; import it again or choose another with `docshelf models use`.");
        var generator = library.OpenEmbedding(name);
        var prefixes = new EmbeddingPrefixes(manifest.QueryPrefix ?? "", manifest.PassagePrefix ?? "");
        var dimensions = manifest.Dimensions ?? generator.Dimensions;
        var index = new SemanticIndex(
            generator, shelf.Vectors(name, dimensions), shelf.SentenceVectors(name, dimensions), prefixes,
            new SimilarityFloors(manifest.MinimumSimilarity ?? double.NegativeInfinity, manifest.AnswerSimilarity));
        shelf.Searcher.Semantic = index;
        return index;
    }
}
