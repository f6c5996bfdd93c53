using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Cli.Semantics;

/// <summary>Connects a shelf to the embedding model chosen with `docshelf models use`, when there is one.</summary>
public static class SemanticSetup
{
    /// <summary>
    /// What a shelf calls when it opens to connect its embedding model: the one chosen in <paramref name="library"/>
    /// (the shelf's own model library when null, or another data folder's), or none for a shelf set to words only.
    /// </summary>
    public static Func<Shelf, SemanticIndex?> From(ModelLibrary? library = null, ModelOpening opening = ModelOpening.WhenFirstUsed) =>
        shelf => Connect(shelf, library ?? new ModelLibrary(shelf.DataDirectory), opening);

    private static SemanticIndex? Connect(Shelf shelf, ModelLibrary library, ModelOpening opening)
    {
        if (library.ActiveEmbedding() is not { } name)
        {
            return null;
        }

        var manifest = library.Find(name) ?? throw new ModelImportException(
            $"The embedding model in use, {name}, is no longer in {library.Folder}; import it again or choose another with `docshelf models use`.");
        // Imports record the model's dimensions; the model itself is opened when something is embedded, or at once.
        var dimensions = manifest.Dimensions ?? DimensionsOf(library, name);
        var generator = new DeferredEmbeddingGenerator(() => library.OpenEmbedding(name), opening);
        var prefixes = new EmbeddingPrefixes(manifest.QueryPrefix ?? "", manifest.PassagePrefix ?? "");
        return new SemanticIndex(
            generator, shelf.Vectors(name, dimensions), shelf.SentenceVectors(name, dimensions), prefixes,
            new SimilarityFloors(manifest.MinimumSimilarity ?? double.NegativeInfinity, manifest.AnswerSimilarity, manifest.RelatedSimilarity));
    }

    /// <summary>For a model imported before its dimensions were recorded: opened once to ask.</summary>
    private static int DimensionsOf(ModelLibrary library, string name)
    {
        using var model = library.OpenEmbedding(name);
        return model.Dimensions;
    }
}
