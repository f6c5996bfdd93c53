using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Util;

namespace DocShelf.Search.Lexical;

/// <summary>The analyzer used for indexing, queries and snippet marking alike, so all three agree on terms.</summary>
public static class ShelfAnalyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>English: lower case, English stop words, possessive removal and Porter stemming.</summary>
    public static Analyzer Create() => new EnglishAnalyzer(Version);
}
