using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Extraction;

/// <summary>
/// Decides, page by page, whether a PDF's text layer is real text or must be replaced by OCR.
/// Scanners and broken converters leave empty layers, a stamped header over a page image, or mojibake from
/// fonts without a Unicode map; each of those is sent to OCR, and good born-digital text is kept as it is.
/// </summary>
public static class TextLayerJudge
{
    /// <summary>Fewer letters and digits than this and the page is taken to have no text layer at all.</summary>
    private const int MinimumCharacters = 16;

    /// <summary>A page this much covered by images with this little text is a scan with a few overlaid words.</summary>
    private const double ScanCoverage = 0.5;

    private const int ScanOverlayCharacters = 400;

    /// <summary>Below this share of word-like tokens the layer is garbage.</summary>
    private const double MinimumPlausibleShare = 0.6;

    private const double MaximumBrokenShare = 0.05;

    public static bool NeedsOcr(PageContent page, double imageCoverage)
    {
        var characters = page.Text.Count(char.IsLetterOrDigit);
        if (characters < MinimumCharacters)
        {
            return true;
        }

        if (imageCoverage >= ScanCoverage && characters < ScanOverlayCharacters)
        {
            return true;
        }

        return BrokenShare(page.Text) > MaximumBrokenShare || PlausibleShare(page.Words) < MinimumPlausibleShare;
    }

    /// <summary>Share of characters that are replacement marks, private-use glyphs or control codes.</summary>
    private static double BrokenShare(string text)
    {
        var broken = text.Count(c => c == '\uFFFD' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.PrivateUse ||
                                     (char.IsControl(c) && c is not '\n' and not '\t'));
        return (double)broken / Math.Max(1, text.Length);
    }

    private static double PlausibleShare(IReadOnlyList<Word> words)
    {
        var tokens = words.Select(w => w.Text.Trim(Punctuation)).Where(t => t.Length > 0).ToList();
        return tokens.Count == 0 ? 0 : (double)tokens.Count(IsPlausible) / tokens.Count;
    }

    /// <summary>A number, a word in a non-Latin script, or a Latin word of sane length that has a vowel.</summary>
    private static bool IsPlausible(string token)
    {
        if (token.All(c => char.IsDigit(c) || c is '.' or ',' or '-' or '/' or ':'))
        {
            return true;
        }

        var letters = token.Count(char.IsLetter);
        if (letters * 2 < token.Length || token.Length > 30)
        {
            return false;
        }

        return token.Any(c => c > '\u024F' && char.IsLetter(c)) || token.Any(c => "aeiouyAEIOUYàáâäèéêëìíîïòóôöùúûüÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ".Contains(c));
    }

    private static readonly char[] Punctuation = ".,;:!?\"'()[]{}«»“”‘’-–—*".ToCharArray();
}
