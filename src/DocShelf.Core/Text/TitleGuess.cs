namespace DocShelf.Core.Text;

/// <summary>
/// A document's title read from its first lines when it gives none in its metadata: the first line of its first
/// page, if it reads as a heading (a few words, not a sentence running on), as a report's or a letter's does.
/// </summary>
public static class TitleGuess
{
    private const int MaxLength = 120;
    private const int MaxWords = 16;

    public static string? FromFirstLines(string pageText)
    {
        var lines = pageText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Count(char.IsLetter) >= 3)
            .Take(2)
            .ToList();
        // A page of one line has no heading apart from its text, and a line ending a sentence is text, not a heading.
        if (lines.Count < 2 || lines[0] is var first && (first.Length > MaxLength || first.EndsWith('.') || first.EndsWith('?') || first.EndsWith('!')))
        {
            return null;
        }

        return lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxWords ? null : lines[0].TrimEnd(':', ';', ',');
    }
}
