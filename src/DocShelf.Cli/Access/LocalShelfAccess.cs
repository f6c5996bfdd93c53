using DocShelf.Answering.Answers;
using DocShelf.Cli.Answering;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Core.Search;
using DocShelf.Search;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Access;

/// <summary>A shelf opened read-only in this process (by <see cref="ShelfComposition"/>), with the answerer its settings choose.</summary>
public sealed class LocalShelfAccess(Shelf shelf, ShelfSettings settings) : IShelfAccess
{
    /// <summary>Made on first need: a generative answerer loads its model, which a search does not need.</summary>
    private readonly LazyAnswerer answerer = new(() => ShelfComposition.Answerer(shelf, settings));

    public Task<SearchResult> SearchAsync(string query, int top, SearchMode? mode, CancellationToken cancellationToken) =>
        SearchResult.RunAsync(shelf.Searcher, query, top, null, mode ?? shelf.Searcher.BestMode, asYouType: false, cancellationToken);

    public async Task<Answer> AskAsync(string question, Action<string>? draft, CancellationToken cancellationToken)
    {
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
        answerer.Dispose();
        shelf.Dispose();
    }
}
