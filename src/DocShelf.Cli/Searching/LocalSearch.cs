using DocShelf.Cli.Semantics;
using DocShelf.Core.Search;
using DocShelf.Search;
using DocShelf.Search.Semantic;

namespace DocShelf.Cli.Searching;

/// <summary>Searches a shelf opened read-only in this process.</summary>
public sealed class LocalSearch(Shelf shelf) : IShelfSearch
{
    private readonly SemanticIndex? semantic = SemanticSetup.Attach(shelf);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, SearchMode? mode, CancellationToken cancellationToken) =>
        shelf.Searcher.SearchAsync(query, top, null, mode ?? shelf.Searcher.Modes[^1], cancellationToken);

    public void Dispose()
    {
        semantic?.Generator.Dispose();
        shelf.Dispose();
    }
}
