namespace DocShelf.Models.Generation;

/// <summary>
/// Passes generated text on as it grows, except where it could be the start of a stop sequence: that part is held
/// back until the next piece shows whether it is one. Once a stop sequence appears, the text before it is all
/// that is passed on.
/// </summary>
public sealed class StopSequenceFilter(IReadOnlyList<string> stopSequences)
{
    private string text = "";
    private int passed;

    public bool Stopped { get; private set; }

    /// <summary>The whole text so far (it replaces, not extends, the last one given); returns what may be passed on now.</summary>
    public string Update(string wholeText)
    {
        if (Stopped)
        {
            return "";
        }

        text = wholeText;
        var end = text.Length;
        foreach (var stop in stopSequences)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < end)
            {
                end = at;
                Stopped = true;
            }
        }

        if (!Stopped)
        {
            end -= HeldBack();
        }

        return Pass(Math.Max(end, passed));
    }

    /// <summary>What was held back, at the end of generation.</summary>
    public string Flush() => Stopped ? "" : Pass(text.Length);

    /// <summary>The longest end of the text that begins some stop sequence.</summary>
    private int HeldBack()
    {
        var longest = 0;
        foreach (var stop in stopSequences)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }

    private string Pass(int end)
    {
        var piece = text[passed..end];
        passed = end;
        return piece;
    }
}
