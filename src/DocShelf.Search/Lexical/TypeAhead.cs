using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocShelf.Search.Lexical;

/// <summary>
/// Search as the words are typed: the last word may be a word still being written, so it also matches as a prefix
/// ("lightho" finds "lighthouse"). The word as typed still matches as itself, stemmed, since a whole word's stem
/// ("lighthous") is no prefix of the word. Only plain words get this; a query with syntax of its own is left as it is.
/// A prefix that reaches more words than a pattern may (one or two letters on a large shelf) is left out until the
/// next letter narrows it, and a word longer than any pattern is matched as itself alone.
/// </summary>
internal static class TypeAhead
{
    public static Query WithLastWordAsPrefix(Query parsed, string text)
    {
        if (LastWord(text) is not { Length: <= QueryLimits.LongestPattern } word)
        {
            return parsed;
        }

        return new BooleanQuery
        {
            { parsed, Occur.SHOULD },
            { new PrefixQuery(new Term(LexicalFields.Text, word.ToLowerInvariant())) { MultiTermRewriteMethod = BoundedRewrite.Dropping }, Occur.SHOULD },
        };
    }

    /// <summary>
    /// The word being typed: the last of plain words, when the text ends in it. The caller has already told from a
    /// space after it whether that word is finished (the page's request is trimmed before it gets here).
    /// </summary>
    private static string? LastWord(string text)
    {
        if (text.Length == 0 || !char.IsLetterOrDigit(text[^1]) || !text.All(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c)))
        {
            return null;
        }

        var start = text.Length;
        while (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            start--;
        }

        return text[start..];
    }
}
