using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Core.Text;
using DocShelf.Search.Store;
using DocShelf.Search.Vectors;

namespace DocShelf.Search.Semantic;

/// <summary>Applies <see cref="SearchFilters"/> to chunk vectors, looking each document up once.</summary>
internal static class FacetFilter
{
    /// <summary>A test for chunk vectors, or null when the filters let everything through.</summary>
    public static VectorFilter? For(SearchFilters? filters, ShelfStore store)
    {
        if (filters is null || filters.IsEmpty)
        {
            return null;
        }

        var documents = new Dictionary<string, DocumentRecord?>(StringComparer.Ordinal);
        var sources = new Dictionary<string, IReadOnlyDictionary<int, PageSource>>(StringComparer.Ordinal);
        return new VectorFilter(Accept, filters.DocumentId);

        bool Accept(ChunkVector chunk)
        {
            if (filters.DocumentId is { } only && chunk.DocumentId != only)
            {
                return false;
            }

            if (!documents.TryGetValue(chunk.DocumentId, out var document))
            {
                document = documents[chunk.DocumentId] = store.FindDocument(chunk.DocumentId);
            }

            if (document is null || (filters.Kinds.Count > 0 && !filters.Kinds.Contains(document.Kind)) ||
                (filters.AddedSinceUtc is { } since && document.AddedUtc < since) || !DatedWithin(filters, document))
            {
                return false;
            }

            if (filters.Sources.Count == 0)
            {
                return true;
            }

            if (!sources.TryGetValue(chunk.DocumentId, out var pages))
            {
                pages = sources[chunk.DocumentId] = store.PageSourcesOf(chunk.DocumentId);
            }

            return filters.Sources.Contains(pages.GetValueOrDefault(chunk.Page, PageSource.TextLayer));
        }
    }

    private static bool DatedWithin(SearchFilters filters, DocumentRecord document) =>
        !filters.ByDate || (DocumentDate.YearOf(document.Dated) is { } year &&
                            year >= (filters.DatedFromYear ?? int.MinValue) && year <= (filters.DatedToYear ?? int.MaxValue));
}
