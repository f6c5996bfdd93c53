namespace DocShelf.Fixtures.Testing;

/// <summary>
/// Word accuracy as OCR evaluations define it: 1 - (word edit distance / reference words). Tokens are compared
/// without surrounding punctuation, and tokens with no letter or digit (specks read as dots) are not words.
/// </summary>
public static class WordAccuracy
{
    public static double Of(string reference, string recognised)
    {
        var expected = Words(reference);
        var actual = Words(recognised);
        return 1 - ((double)EditDistance(expected, actual) / expected.Length);
    }

    public static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(".,;:!?\"'()[]“”‘’".ToCharArray()).Replace('’', '\''))
            .Where(w => w.Any(char.IsLetterOrDigit))
            .ToArray();

    private static int EditDistance(string[] a, string[] b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
