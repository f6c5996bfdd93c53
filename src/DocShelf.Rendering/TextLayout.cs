using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>Breaks a page's paragraphs into lines that fit a width; an empty string marks a paragraph gap.</summary>
public static class TextLayout
{
    public static IReadOnlyList<string> Wrap(string pageText, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in Paragraphs(pageText))
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && font.MeasureText(candidate) > width)
                {
                    lines.Add(line);
                    candidate = word;
                }

                line = candidate;
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Paragraphs are separated by blank lines; line breaks inside one are spaces.</summary>
    public static IEnumerable<string> Paragraphs(string pageText) =>
        pageText.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Replace('\n', ' '));
}
