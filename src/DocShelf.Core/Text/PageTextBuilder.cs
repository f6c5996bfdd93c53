using System.Text;
using DocShelf.Core.Documents;

namespace DocShelf.Core.Text;

/// <summary>
/// Joins a page's words into its text the one way every reader does (the PDF text layer and OCR alike): a space
/// between words, a newline between lines and a blank line between blocks, so sentence and paragraph breaks
/// survive. Each word records where it starts in the text, which keeps text, offsets and boxes aligned. A word split
/// by a hyphen at a line's end ("break-" / "water") is joined in the text ("breakwater"), so it is found whole, while
/// each half keeps its own box, so both are outlined on the page.
/// </summary>
public sealed class PageTextBuilder
{
    private readonly StringBuilder text = new();
    private readonly List<Word> words = [];
    private string pendingSeparator = "";

    public IReadOnlyList<Word> Words => words;

    public string Text => text.ToString();

    public void StartBlock() => pendingSeparator = words.Count == 0 ? "" : "\n\n";

    public void StartLine()
    {
        if (pendingSeparator.Length == 0 && words.Count > 0)
        {
            pendingSeparator = "\n";
        }
    }

    /// <summary>Marks that end a line inside a word: a hyphen, a soft hyphen, and the "¬" some typesetters use.</summary>
    private static readonly char[] LineEndHyphens = ['-', '\u00AD', '\u2010', '¬'];

    /// <summary>A word that starts in lower case after a line ending "letters-" is the rest of that word.</summary>
    private bool ContinuesHyphenatedWord(string word) =>
        words.Count > 0 && char.IsLower(word[0]) && words[^1].Text is { Length: >= 3 } previous &&
        LineEndHyphens.Contains(previous[^1]) && char.IsLetter(previous[^2]);

    /// <summary>Drops the hyphen from the text and from the first half's word, so the second half follows it directly.</summary>
    private void JoinToHyphenatedWord()
    {
        var first = words[^1];
        words[^1] = first with { Text = first.Text[..^1] };
        text.Length--;
    }

    /// <summary>The page as built so far; its confidence is its words' mean (0 for a page with none).</summary>
    public PageContent ToPage(int number, PageSource source, double width, double height, PageGeometry? geometry = null) => new()
    {
        Number = number,
        Source = source,
        Text = Text,
        Words = words,
        Width = width,
        Height = height,
        MeanConfidence = words.Count == 0 ? 0 : words.Average(w => w.Confidence),
        Geometry = geometry ?? PageGeometry.AsScanned,
    };

    /// <summary>Adds a word; blank ones are dropped.</summary>
    public void AddWord(string word, Box box, double confidence = 100)
    {
        word = word.Trim();
        if (word.Length == 0)
        {
            return;
        }

        if (pendingSeparator == "\n" && ContinuesHyphenatedWord(word))
        {
            JoinToHyphenatedWord();
        }
        else
        {
            text.Append(words.Count == 0 ? "" : pendingSeparator.Length > 0 ? pendingSeparator : " ");
        }

        pendingSeparator = "";
        words.Add(new Word { Text = word, Box = box, Confidence = confidence, Start = text.Length });
        text.Append(word);
    }
}
