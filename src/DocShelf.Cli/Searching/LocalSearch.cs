using DocShelf.Core.Search;
using DocShelf.Search;

namespace DocShelf.Cli.Searching;

/// <summary>Searches a shelf opened read-only in this process.</summary>
public sealed class LocalSearch(Shelf shelf) : IShelfSearch
{
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
        Task.FromResult(shelf.Searcher.Search(query, top));

    public void Dispose() => shelf.Dispose();
}
