using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Cli.Semantics;

/// <summary>Connects a shelf to the embedding model chosen with `docshelf models use`, when there is one.</summary>
public static class SemanticSetup
{
    /// <summary>
    /// What a shelf calls when it opens to connect its embedding model, opened when something is first embedded: the
    /// one chosen in <paramref name="library"/> (the shelf's own model library when null, or another data folder's),
    /// or none for a shelf set to words only.
    /// </summary>
    /// <remarks>
    /// A shelf open for writing saves the built-in model's compiled graph in its own library, never in another's:
    /// only the writer of the folder a library lives in may write there.
    /// </remarks>
    public static Func<Shelf, SemanticIndex?> From(ModelLibrary? library = null) =>
        shelf => ChosenModel.In(library ?? new ModelLibrary(shelf.DataDirectory), ModelOpening.WhenFirstUsed, savesCompiled: Task.FromResult(library is null && shelf.Writer is not null))?.Connect(shelf);
}
