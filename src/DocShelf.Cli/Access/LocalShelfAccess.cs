using DocShelf.Answering.Answers;
using DocShelf.Cli.Answering;
using DocShelf.Cli.Semantics;
using DocShelf.Cli.Settings;
using DocShelf.Core.Search;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Access;

/// <summary>A shelf opened read-only in this process, with the embedding model and answerer its settings choose.</summary>
public sealed class LocalShelfAccess : IShelfAccess
{
    private readonly Shelf shelf;
    private readonly ShelfSettings settings;
    private readonly SemanticIndex? semantic;
    private IAnswerer? answerer;

    public LocalShelfAccess(Shelf shelf, ShelfSettings settings)
    {
        this.shelf = shelf;
        this.settings = settings;
        shelf.Searcher.Fusion = settings.ToHybridFusion();
        semantic = SemanticSetup.Attach(shelf);
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, SearchMode? mode, CancellationToken cancellationToken) =>
        shelf.Searcher.SearchAsync(query, top, null, mode ?? shelf.Searcher.Modes[^1], cancellationToken);

    public async Task<Answer> AskAsync(string question, Action<string>? draft, CancellationToken cancellationToken)
    {
        // Made on first need: a generative answerer loads its model, which a search does not need.
        answerer ??= AnswererSetup.Create(shelf, settings);
        await foreach (var update in answerer.StreamAsync(question, cancellationToken))
        {
            if (update.Final is { } answer)
            {
                return answer;
            }

            if (update.Draft is { } text)
            {
                draft?.Invoke(text);
            }
        }

        throw new InvalidOperationException("The answerer ended without an answer.");
    }

    public Task<IReadOnlyList<DocumentSummary>> DocumentsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DocumentSummary>>([.. shelf.Store.AllDocuments().Select(DocumentSummary.Of)]);

    public Task<IReadOnlyList<PageView>> PagesAsync(DocumentSummary document, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PageView>>([.. shelf.Store.PagesOf(document.Id).Select(page => PageView.Of(page, document.Pages, [], []))]);

    public void Dispose()
    {
        (answerer as IDisposable)?.Dispose();
        semantic?.Generator.Dispose();
        shelf.Dispose();
    }
}
