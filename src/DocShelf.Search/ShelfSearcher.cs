using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search;

/// <summary>Answers a query with cited results: document, path, page, chunk, score and a marked snippet.</summary>
public sealed class ShelfSearcher(ShelfStore store, LexicalIndex index)
{
    private readonly SnippetBuilder snippets = new(index.Analyzer);

    public IReadOnlyList<SearchHit> Search(string query, int top, SearchFilters? filters = null)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var parsed = index.ParseQuery(query);
        var terms = QueryTerms.Of(parsed);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        return index.Search(parsed, top, filters)
            .Select(hit =>
            {
                var (snippet, highlights) = snippets.Build(hit.Text, terms);
                return new SearchHit
                {
                    DocumentId = hit.DocumentId,
                    Path = PathOf(hit.DocumentId, paths),
                    Page = hit.Page,
                    ChunkId = hit.ChunkId,
                    Score = hit.Score,
                    Snippet = snippet,
                    Highlights = highlights,
                };
            })
            .ToList();
    }

    /// <summary>Where <paramref name="query"/>'s terms sit in <paramref name="text"/>, found as the index matched them.</summary>
    public IReadOnlyList<TextSpan> MatchingSpans(string query, string text)
    {
        var terms = string.IsNullOrWhiteSpace(query) ? [] : QueryTerms.Of(index.ParseQuery(query));
        return TermMatcher.Find(index.Analyzer, text, terms);
    }

    /// <summary>
    /// The words of <paramref name="page"/> that <paramref name="query"/> matches, by their index in the page's word
    /// list, so a viewer can outline their boxes.
    /// </summary>
    public IReadOnlyList<int> MatchingWords(string query, PageContent page)
    {
        var matches = MatchingSpans(query, page.Text);
        var matched = new List<int>();
        for (var i = 0; i < page.Words.Count; i++)
        {
            var word = page.Words[i];
            var end = word.Start + word.Text.Length;
            if (matches.Any(m => m.Start < end && word.Start < m.Start + m.Length))
            {
                matched.Add(i);
            }
        }

        return matched;
    }

    private string PathOf(string documentId, Dictionary<string, string> cache)
    {
        if (!cache.TryGetValue(documentId, out var path))
        {
            path = store.FindDocument(documentId)?.PrimaryPath ?? "";
            cache[documentId] = path;
        }

        return path;
    }
}
