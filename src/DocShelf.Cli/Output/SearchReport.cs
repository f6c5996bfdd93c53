using DocShelf.Core.Search;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Output;

/// <summary>The JSON shape of one query's results, alone or as one line of a batch: as /api/search names them, without its timing.</summary>
public sealed record SearchReport(string Query, IReadOnlyList<SearchHit> Results, IReadOnlyList<string> Absent, IReadOnlyList<DocumentWordHits> Documents)
{
    public static SearchReport Of(string query, SearchResult found) => new(query, found.Results, found.Absent, found.Documents);
}
