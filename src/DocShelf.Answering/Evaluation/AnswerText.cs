using System.Text;
using System.Text.RegularExpressions;

namespace DocShelf.Answering.Evaluation;

/// <summary>
/// Compares answers with gold answers the way SQuAD's own scorer does: lower-cased, punctuation and the articles
/// "a", "an" and "the" dropped, whitespace collapsed; citation markers such as [2] are not part of an answer.
/// </summary>
public static partial class AnswerText
{
    /// <summary>Whether the gold text occurs in the answer as whole words.</summary>
    public static bool Holds(string answer, string gold)
    {
        var normalGold = Normalise(gold);
        return normalGold.Length > 0 && $" {Normalise(answer)} ".Contains($" {normalGold} ", StringComparison.Ordinal);
    }

    /// <summary>Words in the answer, its citation markers left out.</summary>
    public static int Words(string answer) =>
        CitationMarker().Replace(answer, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetterOrDigit));

    public static string Normalise(string text)
    {
        var lower = CitationMarker().Replace(text, " ").ToLowerInvariant();
        var kept = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            kept.Append(char.IsPunctuation(c) || char.IsSymbol(c) ? ' ' : c);
        }

        return Whitespace().Replace(Articles().Replace(kept.ToString(), " "), " ").Trim();
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
