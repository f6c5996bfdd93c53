namespace DocShelf.Core.Text;

/// <summary>The sentences of a text as spans, trimmed of the whitespace around them.</summary>
public static class SentenceSpans
{
    public static IEnumerable<(int Start, int End)> Of(string text)
    {
        var starts = new List<int> { 0 };
        starts.AddRange(SentenceBoundaries.Starts(text));
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            if (end - start > 3)
            {
                yield return (start, end);
            }
        }
    }
}
