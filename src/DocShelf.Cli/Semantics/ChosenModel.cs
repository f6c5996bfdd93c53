using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.AI;

namespace DocShelf.Cli.Semantics;

/// <summary>
/// The embedding model chosen in a model library, ready to open (or, opened at once, loading already), for a shelf to
/// connect when it opens. The shelf that connects it owns it; until one does, disposing this closes the model.
/// </summary>
public sealed class ChosenModel : IDisposable
{
    private readonly string name;
    private readonly ModelManifest manifest;
    private readonly int dimensions;
    private readonly DeferredEmbeddingGenerator generator;
    private bool connected;

    private ChosenModel(string name, ModelManifest manifest, int dimensions, DeferredEmbeddingGenerator generator)
    {
        this.name = name;
        this.manifest = manifest;
        this.dimensions = dimensions;
        this.generator = generator;
    }

    /// <summary>The model chosen with `docshelf models use` (the built-in one by default), or null for words only.</summary>
    /// <param name="savesCompiled">Whether the process holds the library's shelf for writing, once known (<see cref="ModelLibrary.OpenEmbedding"/>).</param>
    public static ChosenModel? In(ModelLibrary library, ModelOpening opening, Task<bool> savesCompiled)
    {
        if (library.ActiveEmbedding() is not { } name)
        {
            return null;
        }

        var manifest = library.Find(name) ?? throw new ModelImportException(
            $"The embedding model in use, {name}, is no longer in {library.Folder}; import it again or choose another with `docshelf models use`.");

        // Imports record the model's dimensions; the model itself is opened when something is embedded, or at once.
        var dimensions = manifest.Dimensions ?? DimensionsOf(library, name);
        return new(name, manifest, dimensions, new DeferredEmbeddingGenerator(() => library.OpenEmbedding(name, savesCompiled), opening));
    }

    /// <summary>The dense half of <paramref name="shelf"/>'s search over this model; the shelf owns the model from here.</summary>
    public SemanticIndex Connect(Shelf shelf)
    {
        var index = IndexOver(shelf, name, manifest, dimensions, generator);
        connected = true;
        return index;
    }

    /// <summary>
    /// The dense half of <paramref name="shelf"/>'s search over the model <paramref name="manifest"/> describes, its
    /// vectors made by <paramref name="generator"/>: the model's prefixes and similarity floors, and its collections.
    /// </summary>
    public static SemanticIndex IndexOver(
        Shelf shelf, string name, ModelManifest manifest, int dimensions, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var prefixes = new EmbeddingPrefixes(manifest.QueryPrefix ?? "", manifest.PassagePrefix ?? "");
        var floors = new SimilarityFloors(manifest.MinimumSimilarity ?? double.NegativeInfinity, manifest.AnswerSimilarity, manifest.RelatedSimilarity);
        return new SemanticIndex(generator, shelf.Vectors(name, dimensions), shelf.SentenceVectors(name, dimensions), prefixes, floors);
    }

    public void Dispose()
    {
        if (!connected)
        {
            generator.Dispose();
        }
    }

    /// <summary>For a model imported before its dimensions were recorded: opened once to ask.</summary>
    private static int DimensionsOf(ModelLibrary library, string name)
    {
        using var model = library.OpenEmbedding(name);
        return model.Dimensions;
    }
}
