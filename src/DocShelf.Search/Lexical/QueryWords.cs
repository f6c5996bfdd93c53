namespace DocShelf.Search.Lexical;

/// <summary>
/// The plain words of a query as the person typed them, for telling them which of their words the shelf does not
/// hold: operators, field names, patterns and excluded words are left out, and so is a last word still being typed.
/// </summary>
internal static class QueryWords
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "&&", "||" };
    private static readonly char[] Edges = ['"', '\'', '(', ')', '[', ']', '{', '}', '+', ',', '.', ';', '!', '?', '“', '”', '‘', '’'];

    public static List<string> Of(string text, bool asYouType)
    {
        var tokens = QuestionMarks.Strip(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var count = asYouType && text.Length > 0 && !char.IsWhiteSpace(text[^1]) ? tokens.Length - 1 : tokens.Length;
        var words = new List<string>();
        var previous = "";
        foreach (var token in tokens.Take(count))
        {
            var word = token.Trim(Edges);
            var excluded = token.StartsWith('-') || token.StartsWith('!') || previous == "NOT";
            previous = token;
            if (word.Length > 0 && !excluded && !Operators.Contains(word) && word.IndexOfAny(['*', '?', '~', ':', '^']) < 0
                && !words.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
