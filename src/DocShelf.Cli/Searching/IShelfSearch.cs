using DocShelf.Core.Search;

namespace DocShelf.Cli.Searching;

/// <summary>Where `docshelf search` sends its queries: the shelf itself, or the running service that holds it.</summary>
public interface IShelfSearch : IDisposable
{
    /// <param name="mode">Null for the best the shelf offers: hybrid with an embedding model, else lexical.</param>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, SearchMode? mode, CancellationToken cancellationToken);
}
