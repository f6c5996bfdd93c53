using System.Diagnostics;
using DocShelf.Core.Search;
using DocShelf.Search;

namespace DocShelf.Web.Api;

/// <summary>
/// The reply of /api/search: the query as understood, its cited results (each saying whether it holds the words or
/// was found by meaning), the query's words no document holds, and for each document among the results that holds
/// the words, how often they stand in it. Named as in `docshelf search --json`.
/// </summary>
public sealed record SearchResult(
    string Query, SearchMode Mode, IReadOnlyList<SearchHit> Results, IReadOnlyList<string> Absent, IReadOnlyList<DocumentWordHits> Documents, double Milliseconds)
{
    /// <summary>Searches, and gathers what the reply says besides the hits; the one way the API and the CLI search.</summary>
    public static async Task<SearchResult> RunAsync(
        ShelfSearcher searcher, string query, int top, SearchFilters? filters, SearchMode mode, bool asYouType, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var hits = await searcher.SearchAsync(query, top, filters, mode, asYouType, cancellationToken);
        var absent = searcher.AbsentWords(query, asYouType);
        var documents = searcher.WordHitsByDocument(query, hits, filters, asYouType, cancellationToken);
        return new SearchResult(query, mode, hits, absent, documents, Math.Round(clock.Elapsed.TotalMilliseconds, 2));
    }
}
