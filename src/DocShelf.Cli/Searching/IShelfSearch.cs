using DocShelf.Core.Search;

namespace DocShelf.Cli.Searching;

/// <summary>Where `docshelf search` sends its queries: the shelf itself, or the running service that holds it.</summary>
public interface IShelfSearch : IDisposable
{
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken);
}
