using DocShelf.Core.Documents;

namespace DocShelf.Search.Lexical;

/// <summary>What the index records of a document beside its chunks' words, so searches can be filtered by them.</summary>
/// <param name="Dated">The date the document bears (<see cref="DocumentRecord.Dated"/>), or null.</param>
public sealed record DocumentFacets(FileKind Kind, DateTime AddedUtc, IReadOnlyDictionary<int, PageSource> PageSources, string? Dated = null)
{
    public static DocumentFacets Of(DocumentRecord document, IEnumerable<PageContent> pages) =>
        new(document.Kind, document.AddedUtc, pages.ToDictionary(p => p.Number, p => p.Source), document.Dated);

    /// <summary>Where the text of <paramref name="page"/> came from; a page not recorded counts as a text layer.</summary>
    public PageSource SourceOf(int page) => PageSources.GetValueOrDefault(page, PageSource.TextLayer);
}
