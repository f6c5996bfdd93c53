using DocShelf.Core.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>Turns <see cref="SearchFilters"/> into a Lucene filter, which narrows the hits without changing their scores.</summary>
internal static class FilterQuery
{
    public static Query Apply(Query query, SearchFilters filters)
    {
        if (filters.IsEmpty)
        {
            return query;
        }

        var all = new BooleanQuery();
        AddAnyOf(all, LexicalFields.Kind, filters.Kinds.Select(Facet.Name));
        AddAnyOf(all, LexicalFields.Source, filters.Sources.Select(Facet.Name));
        AddAnyOf(all, LexicalFields.DocumentId, filters.DocumentId is { } id ? [id] : []);
        if (filters.AddedSinceUtc is { } since)
        {
            all.Add(NumericRangeQuery.NewInt64Range(LexicalFields.Added, since.ToUniversalTime().Ticks, null, true, true), Occur.MUST);
        }

        if (filters.ByDate)
        {
            all.Add(NumericRangeQuery.NewInt32Range(LexicalFields.DatedYear, filters.DatedFromYear, filters.DatedToYear, true, true), Occur.MUST);
        }

        return new FilteredQuery(query, new QueryWrapperFilter(all));
    }

    private static void AddAnyOf(BooleanQuery all, string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values)
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        if (any.Clauses.Count > 0)
        {
            all.Add(any, Occur.MUST);
        }
    }
}
