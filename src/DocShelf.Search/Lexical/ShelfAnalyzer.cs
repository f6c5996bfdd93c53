using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace DocShelf.Search.Lexical;

/// <summary>The analyzer used for indexing, queries and snippet marking alike, so all three agree on terms.</summary>
public static class ShelfAnalyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// Lucene's English stop list (articles, "and", "of"…) widened with the words that start and bind questions
    /// and sentences ("what", "which", "did", "many", "would"…), which match nearly every page and only blur the ranking.
    /// </summary>
    private static readonly string[] ExtraStopWords =
    [
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "does", "do", "done", "doing",
        "has", "have", "had", "having", "am", "been", "being", "can", "could", "would", "should", "shall", "may",
        "might", "must", "many", "much", "more", "most", "some", "any", "each", "other", "than", "also", "its",
        "from", "he", "she", "him", "her", "his", "hers", "we", "us", "our", "you", "your", "i", "me", "my", "them",
        "all", "about", "after", "before", "over", "under", "up", "out", "so", "very", "only", "own", "same",
    ];

    /// <summary>English: lower case, a widened stop list, possessive removal and Porter stemming.</summary>
    public static Analyzer Create()
    {
        var stopWords = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var word in ExtraStopWords)
        {
            stopWords.Add(word);
        }

        return new EnglishAnalyzer(Version, stopWords);
    }
}
