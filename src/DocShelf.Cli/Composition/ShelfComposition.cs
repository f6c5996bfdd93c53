using DocShelf.Answering.Answers;
using DocShelf.Cli.Answering;
using DocShelf.Cli.Backup;
using DocShelf.Cli.Semantics;
using DocShelf.Cli.Settings;
using DocShelf.Ingestion;
using DocShelf.Models.Library;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.Logging;

namespace DocShelf.Cli.Composition;

/// <summary>
/// The one place a shelf is opened with its settings and the services over it are made, finished: every command,
/// `serve`, evaluation and the test fixtures come here, and nothing is set on a service afterwards.
/// </summary>
public static class ShelfComposition
{
    /// <summary>How the shelf's searcher is made: the embedding model chosen in <paramref name="library"/> (the shelf's own when null) and the fusion the settings give.</summary>
    public static SearchSetup Search(ShelfSettings settings, ModelLibrary? library = null) =>
        new(SemanticSetup.From(library), settings.ToHybridFusion());

    /// <param name="opening">When the embedding model loads: at once for a command whose query will need meaning.</param>
    public static Shelf OpenForReading(string dataDirectory, ShelfSettings settings, TimeSpan patience = default, ModelOpening opening = ModelOpening.WhenFirstUsed) =>
        Open(dataDirectory, settings, opening, forWriting: false, search => Shelf.OpenForReading(dataDirectory, patience, search));

    /// <summary>Opens the shelf for writing; one an older DocShelf wrote is backed up and upgraded first (<see cref="ShelfUpgrade"/>).</summary>
    /// <param name="opening">When the embedding model loads: at once for a command that will embed what it reads.</param>
    public static Shelf OpenForWriting(string dataDirectory, ShelfSettings settings, TimeSpan patience = default, ModelOpening opening = ModelOpening.WhenFirstUsed)
    {
        var shelf = Open(dataDirectory, settings, opening, forWriting: true, search => Shelf.OpenForWriting(dataDirectory, patience, search));
        try
        {
            ShelfUpgrade.IfNeeded(shelf);
            return shelf;
        }
        catch
        {
            shelf.Dispose();
            throw;
        }
    }

    /// <summary>The answerer the settings choose, over the shelf's searcher.</summary>
    /// <param name="threads">How many threads a local chat model computes each answer with; every core when null.</param>
    public static IAnswerer Answerer(Shelf shelf, ShelfSettings settings, ModelLibrary? library = null, Func<int>? threads = null) =>
        AnswererSetup.Create(shelf, settings, library, threads);

    private static Shelf Open(string dataDirectory, ShelfSettings settings, ModelOpening opening, bool forWriting, Func<SearchSetup, Shelf> open)
    {
        if (opening == ModelOpening.WhenFirstUsed)
        {
            return open(Search(settings));
        }

        // Chosen, and loading on a thread of its own, before the store opens: the model is most of a cold search by
        // meaning, and the store and the lexical index open (and an ingest's first files are read) meanwhile. The
        // shelf takes it over. Whether it may save its compiled graph in the shelf is known only once the shelf has
        // opened for writing (a shelf another process holds, or a newer DocShelf wrote, is left as it was); the model
        // waits for that only when it has a graph to save.
        var writing = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var model = ChosenModel.In(new ModelLibrary(dataDirectory), ModelOpening.AtOnce, writing.Task);
        try
        {
            var shelf = open(new SearchSetup(shelf => model?.Connect(shelf), settings.ToHybridFusion()));
            writing.SetResult(forWriting);
            return shelf;
        }
        finally
        {
            writing.TrySetResult(false);
        }
    }

    /// <summary>The reading chain over a shelf open for writing: OCR engines, embedding batcher, pipeline and runner.</summary>
    /// <param name="loggers">The service's logs, for each step's duration per file; nowhere when null.</param>
    public static IngestionChain Ingestion(Shelf shelf, IngestionOptions options, ILoggerFactory? loggers = null) =>
        IngestionChain.Create(shelf, options, loggers: loggers);
}
