using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Search.Hybrid;
using DocShelf.Search.Lexical;
using DocShelf.Search.Semantic;
using DocShelf.Search.Store;
using Lucene.Net.Search;

namespace DocShelf.Search;

/// <summary>Answers a query with cited results: document, path, page, chunk, score and a marked snippet.</summary>
/// <param name="semantic">The embedding model and vectors in use, or null for a lexical-only shelf.</param>
/// <param name="fusion">How hybrid search merges the two rankings; score fusion when null.</param>
public sealed class ShelfSearcher(ShelfStore store, LexicalIndex index, SemanticIndex? semantic = null, IHybridFusion? fusion = null)
{
    private readonly SnippetBuilder snippets = new(index.Analyzer);

    /// <summary>The embedding model and vectors in use, or null for a lexical-only shelf.</summary>
    public SemanticIndex? Semantic { get; } = semantic;

    /// <summary>How hybrid search merges the two rankings.</summary>
    public IHybridFusion Fusion { get; } = fusion ?? new ScoreFusion();

    /// <summary>The modes this shelf can answer now: lexical always, semantic and hybrid with an embedding model.</summary>
    public IReadOnlyList<SearchMode> Modes => Semantic is null ? [SearchMode.Lexical] : [SearchMode.Lexical, SearchMode.Semantic, SearchMode.Hybrid];

    /// <summary>The best this shelf offers, used when no mode is asked for: hybrid with an embedding model, else lexical.</summary>
    public SearchMode BestMode => Semantic is null ? SearchMode.Lexical : SearchMode.Hybrid;

    /// <summary>Searches in the given mode; semantic and hybrid need <see cref="Semantic"/>.</summary>
    /// <param name="asYouType">The query is still being typed: its last word also matches as a prefix.</param>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        string query, int top, SearchFilters? filters, SearchMode mode, bool asYouType = false, CancellationToken cancellationToken = default)
    {
        if (mode == SearchMode.Lexical)
        {
            return Search(query, top, filters, asYouType, cancellationToken);
        }

        var semantic = Semantic ?? throw new SemanticSearchUnavailableException();
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var parsed = index.ParseQuery(query, asYouType);
        var terms = QueryTermSet.Of(parsed);
        cancellationToken.ThrowIfCancellationRequested();
        var documents = new Dictionary<string, DocumentRecord?>(StringComparer.Ordinal);
        if (mode == SearchMode.Semantic)
        {
            var dense = await semantic.SearchAsync(query, top, FacetFilter.For(filters, store), cancellationToken);
            var holdingWords = index.ChunksHolding([.. dense.Select(d => d.Chunk.ChunkId)], terms, cancellationToken);
            return [.. dense
                .Select(d => new MatchedChunk(d.Chunk.ChunkId, d.Chunk.DocumentId, d.Score, holdingWords.Contains(d.Chunk.ChunkId) ? HitMatch.Words : HitMatch.Meaning))
                .Select(m => Cite(m, null, terms, documents))
                .OfType<SearchHit>()];
        }

        // Each ranking is searched deeper than asked, so a chunk ranked well by one can still rise in the fusion.
        var depth = HybridDepth(top);
        var (candidates, lexical) = await RankBothAsync(query, parsed, depth, filters, semantic, cancellationToken);
        var known = lexical.ToDictionary(h => h.ChunkId, StringComparer.Ordinal);
        var fused = Fusion.Fuse(candidates, candidates.Lexical.Count + candidates.Semantic.Count);
        // A lexical ranking shorter than its depth holds every chunk with the words; past that, the postings are asked.
        var holding = lexical.Count < depth
            ? []
            : index.ChunksHolding([.. fused.Select(f => f.ChunkId).Where(id => !known.ContainsKey(id))], terms, cancellationToken);
        var matched = fused
            .Select(f => new MatchedChunk(f.ChunkId, f.DocumentId, f.Score, known.ContainsKey(f.ChunkId) || holding.Contains(f.ChunkId) ? HitMatch.Words : HitMatch.Meaning))
            .ToList();
        var similarity = candidates.Semantic.ToDictionary(c => c.ChunkId, c => c.Score, StringComparer.Ordinal);
        var unlisted = candidates.Semantic.Count > 0 ? candidates.Semantic.Min(c => c.Score) : semantic.Floors.Search;
        var arranged = WordsFirst.Arrange(matched, id => similarity.TryGetValue(id, out var score) ? score : unlisted, semantic.Floors.RelatedOrSearch);
        return [.. arranged.Select(m => Cite(m, known.GetValueOrDefault(m.ChunkId), terms, documents)).OfType<SearchHit>().Take(top)];
    }

    /// <summary>How deep each ranking is read for a hybrid search of <paramref name="top"/> results.</summary>
    public static int HybridDepth(int top) => Math.Max(top * 4, 40);

    /// <summary>Both rankings of <paramref name="query"/>, <paramref name="depth"/> deep, as hybrid search fuses them.</summary>
    public async Task<HybridCandidates> CandidatesAsync(string query, int depth, SearchFilters? filters, CancellationToken cancellationToken = default)
    {
        var semantic = Semantic ?? throw new SemanticSearchUnavailableException();
        return (await RankBothAsync(query, index.ParseQuery(query), depth, filters, semantic, cancellationToken)).Candidates;
    }

    /// <param name="parsed"><paramref name="query"/> as the lexical index reads it, parsed once by the caller.</param>
    private async Task<(HybridCandidates Candidates, IReadOnlyList<LexicalHit> Lexical)> RankBothAsync(
        string query, Query parsed, int depth, SearchFilters? filters, SemanticIndex semantic, CancellationToken cancellationToken)
    {
        var lexical = index.Search(parsed, depth, filters, cancellationToken);
        // The chunks the words found have their sentences weighed too: one may hold the sentence that answers.
        var nearest = await semantic.SearchAsync(query, depth, FacetFilter.For(filters, store), [.. lexical.Select(h => h.ChunkId)], cancellationToken);
        var candidates = new HybridCandidates(
            [.. lexical.Select(h => new ScoredChunk(h.ChunkId, h.DocumentId, h.Score))],
            [.. nearest.Select(n => new ScoredChunk(n.Chunk.ChunkId, n.Chunk.DocumentId, n.Score))]);
        return (candidates, lexical);
    }

    public IReadOnlyList<SearchHit> Search(string query, int top, SearchFilters? filters = null, bool asYouType = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var parsed = index.ParseQuery(query, asYouType);
        var terms = QueryTermSet.Of(parsed);
        cancellationToken.ThrowIfCancellationRequested();
        var documents = new Dictionary<string, DocumentRecord?>(StringComparer.Ordinal);
        return [.. index.Search(parsed, top, filters, cancellationToken)
            .Select(hit => Cite(new MatchedChunk(hit.ChunkId, hit.DocumentId, hit.Score, HitMatch.Words), hit, terms, documents))
            .OfType<SearchHit>()];
    }

    /// <summary>
    /// The cited hit shown for a matched chunk: its page, its document's path, labels and details, and a snippet
    /// marking the query's words. Made only for the results shown, since each reads its chunk (unless the lexical
    /// ranking read it already) and its document's record. Null when the chunk left the shelf since it was ranked.
    /// </summary>
    /// <param name="lexical">The chunk as the lexical ranking read it, text and all; null when that ranking did not return it.</param>
    private SearchHit? Cite(MatchedChunk matched, LexicalHit? lexical, QueryTermSet terms, Dictionary<string, DocumentRecord?> documents)
    {
        var (page, text) = lexical is not null
            ? (lexical.Page, lexical.Text)
            : store.FindChunk(matched.ChunkId) is { } chunk ? (chunk.PageNumber, chunk.Text) : (0, null);
        if (text is null)
        {
            return null;
        }

        var (snippet, highlights) = snippets.Build(text, terms);
        var document = DocumentOf(matched.DocumentId, documents);
        return new SearchHit
        {
            DocumentId = matched.DocumentId,
            Path = document?.PrimaryPath ?? "",
            Page = page,
            PageLabel = document?.LabelOf(page),
            Title = document?.Title,
            Author = document?.Author,
            Dated = document?.Dated,
            Origin = document?.Origin?.Describe(),
            ChunkId = matched.ChunkId,
            Score = matched.Score,
            Match = matched.Match,
            Snippet = snippet,
            Highlights = highlights,
        };
    }

    /// <summary>
    /// Every place in one document where <paramref name="query"/>'s words stand, in page order: the same count whatever
    /// number of results was asked for, so a result list and a viewer stepping through the document agree.
    /// </summary>
    /// <param name="filters">The search's filters; the document is the one <see cref="SearchFilters.DocumentId"/> names.</param>
    public IReadOnlyList<WordHit> WordHits(string query, SearchFilters filters, bool asYouType = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query) || filters.DocumentId is null)
        {
            return [];
        }

        var parsed = index.ParseQuery(query, asYouType);
        var places = index.PlacesIn(parsed, QueryTermSet.Of(parsed), filters, [filters.DocumentId], cancellationToken)[filters.DocumentId];
        return [.. places.OrderBy(p => p.Page).ThenBy(p => p.Start)];
    }

    /// <summary>For each document in <paramref name="hits"/> holding the words, how often and on how many pages they stand in it.</summary>
    public IReadOnlyList<DocumentWordHits> WordHitsByDocument(
        string query, IEnumerable<SearchHit> hits, SearchFilters? filters, bool asYouType = false, CancellationToken cancellationToken = default)
    {
        var documentIds = hits.Where(h => h.Match == HitMatch.Words).Select(h => h.DocumentId).Distinct(StringComparer.Ordinal).ToList();
        if (documentIds.Count == 0)
        {
            return [];
        }

        var parsed = index.ParseQuery(query, asYouType);
        var places = index.PlacesIn(parsed, QueryTermSet.Of(parsed), filters ?? SearchFilters.None, documentIds, cancellationToken);
        return [.. documentIds.Select(id => new DocumentWordHits(id, places[id].Count, places[id].Select(p => p.Page).Distinct().Count()))];
    }

    /// <summary>The words of <paramref name="query"/>, as typed, that no chunk on the shelf holds.</summary>
    public IReadOnlyList<string> AbsentWords(string query, bool asYouType = false) => index.AbsentWords(query, asYouType);

    /// <summary>The analysed terms of <paramref name="query"/> (stemmed, stop words gone), as the index looks for them.</summary>
    public IReadOnlySet<string> TermsOf(string query) =>
        string.IsNullOrWhiteSpace(query) ? new HashSet<string>() : QueryTermSet.Of(index.ParseQuery(query)).Exact;

    /// <summary>Where each of <paramref name="terms"/> occurs in <paramref name="text"/>.</summary>
    public IReadOnlyList<(TextSpan Span, string Term)> FindTerms(IReadOnlySet<string> terms, string text) =>
        TermMatcher.FindTerms(index.Analyzer, text, QueryTermSet.Of(terms));

    /// <summary>
    /// Where <paramref name="query"/>'s terms sit in <paramref name="text"/>, found as the index matched them: stemmed
    /// words, and the words prefix, wildcard and fuzzy terms reached.
    /// </summary>
    /// <param name="asYouType">The query is still being typed, as it was searched: its last word also matches as a prefix.</param>
    /// <exception cref="QueryTooCostlyException">The query's patterns are past <see cref="QueryLimits"/>.</exception>
    public IReadOnlyList<TextSpan> MatchingSpans(string query, string text, bool asYouType = false, CancellationToken cancellationToken = default)
    {
        var terms = string.IsNullOrWhiteSpace(query) ? QueryTermSet.Empty : QueryTermSet.Of(index.ParseQuery(query, asYouType));
        cancellationToken.ThrowIfCancellationRequested(); // the query's preparation counts against its time as well
        return TermMatcher.Find(index.Analyzer, text, terms, cancellationToken);
    }

    /// <summary>
    /// The words of <paramref name="page"/> that <paramref name="query"/> matches, by their index in the page's word
    /// list, so a viewer can outline their boxes.
    /// </summary>
    public IReadOnlyList<int> MatchingWords(string query, PageContent page, bool asYouType = false, CancellationToken cancellationToken = default) =>
        WordsUnder(MatchingSpans(query, page.Text, asYouType, cancellationToken), page);

    /// <summary>
    /// The words of <paramref name="page"/> that any of <paramref name="matches"/> touches, by their index in the
    /// page's word list, so a viewer can outline their boxes.
    /// </summary>
    /// <param name="matches">Spans of the page's text as <see cref="MatchingSpans"/> gives them: in order, not overlapping.</param>
    public static IReadOnlyList<int> WordsUnder(IReadOnlyList<TextSpan> matches, PageContent page)
    {
        var ends = matches.Select(m => m.Start + m.Length).ToArray();
        var matched = new List<int>();
        for (var i = 0; i < page.Words.Count; i++)
        {
            var word = page.Words[i];
            // The first match ending after the word starts is the only one that can touch it.
            var first = Array.BinarySearch(ends, word.Start + 1);
            first = first < 0 ? ~first : first;
            if (first < matches.Count && matches[first].Start < word.Start + word.Text.Length)
            {
                matched.Add(i);
            }
        }

        return matched;
    }

    /// <summary>The record a hit cites (its path, its page labels), read once per document per search.</summary>
    private DocumentRecord? DocumentOf(string documentId, Dictionary<string, DocumentRecord?> cache)
    {
        if (!cache.TryGetValue(documentId, out var document))
        {
            document = store.FindDocument(documentId);
            cache[documentId] = document;
        }

        return document;
    }
}
