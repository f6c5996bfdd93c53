namespace DocShelf.Models.Generation;

/// <summary>The text of a model's tokens as they are made, in pieces, ending before the first stop sequence.</summary>
public static class GeneratedText
{
    /// <param name="textOf">The text a token adds, never part of a character (a runtime's streaming decoder).</param>
    /// <param name="rest">Whatever the decoder still holds once the tokens end.</param>
    public static IEnumerable<string> Pieces(IEnumerable<int> tokens, Func<int, string> textOf, Func<string> rest, IReadOnlyList<string> stops)
    {
        var filter = new StopSequenceFilter(stops);
        var text = new System.Text.StringBuilder();
        foreach (var token in tokens)
        {
            text.Append(textOf(token));
            var piece = filter.Update(text.ToString());
            if (piece.Length > 0)
            {
                yield return piece;
            }

            if (filter.Stopped)
            {
                yield break;
            }
        }

        var last = filter.Update(text.Append(rest()).ToString()) + filter.Flush();
        if (last.Length > 0)
        {
            yield return last;
        }
    }
}
