using System.Globalization;
using System.Text.RegularExpressions;

namespace DocShelf.Core.Text;

/// <summary>
/// The date a document bears, read from the start of its text: a letter's heading, a report's title line, a
/// notice's date. The first full date wins ("4 March 1894", "March 4th, 1894", "1894-03-04"), then a month
/// ("March 1894"), then a year alone; the answer says only as much as the text does: "1894-03-04", "1894-03", or
/// "1894". Null when the start of the text names no date.
/// </summary>
public static partial class DocumentDate
{
    /// <summary>How much of the text is looked at: dates further in are what a document talks about, not when it was written.</summary>
    private const int Window = 1500;

    private const string Months = "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";

    /// <summary>The year a date of <see cref="Find"/> falls in, or null for none.</summary>
    public static int? YearOf(string? dated) =>
        dated is { Length: >= 4 } && int.TryParse(dated.AsSpan(0, 4), CultureInfo.InvariantCulture, out var year) ? year : null;

    public static string? Find(string text)
    {
        var start = text.Length > Window ? text[..Window] : text;
        return FullDate(start) ?? MonthAndYear(start) ?? YearAlone(start);
    }

    private static string? FullDate(string text)
    {
        var found = new[] { Iso().Match(text), DayMonthYear().Match(text), MonthDayYear().Match(text) }
            .Where(m => m.Success)
            .OrderBy(m => m.Index)
            .Select(m => Date(m.Groups["year"].Value, m.Groups["month"].Value, m.Groups["day"].Value))
            .FirstOrDefault(d => d is not null);
        return found?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string? MonthAndYear(string text)
    {
        var match = MonthYear().Match(text);
        return match.Success && Year(match.Groups["year"].Value) is { } year
            ? string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{MonthNumber(match.Groups["month"].Value):D2}")
            : null;
    }

    private static string? YearAlone(string text) =>
        Years().Matches(text).Select(m => Year(m.Value)).FirstOrDefault(y => y is not null)?.ToString("D4", CultureInfo.InvariantCulture);

    private static DateOnly? Date(string year, string month, string day)
    {
        var number = int.TryParse(month, CultureInfo.InvariantCulture, out var m) ? m : MonthNumber(month);
        return Year(year) is { } y && number is >= 1 and <= 12 && int.TryParse(day, CultureInfo.InvariantCulture, out var d) &&
               d >= 1 && d <= DateTime.DaysInMonth(y, number)
            ? new DateOnly(y, number, d)
            : null;
    }

    /// <summary>A year a paper on the shelf may bear: from the first printed ones to next year.</summary>
    private static int? Year(string text) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var year) && year >= 1450 && year <= DateTime.UtcNow.Year + 1 ? year : null;

    private static int MonthNumber(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, m => m.Length > 0 && name.StartsWith(m, StringComparison.OrdinalIgnoreCase)) + 1;

    [GeneratedRegex(@"\b(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})\b")]
    private static partial Regex Iso();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<month>" + Months + @")\.?,?\s+(?<year>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(?<month>" + Months + @")\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b(?<month>" + Months + @")\.?,?\s+(?<year>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"(?<![\d,.])\b\d{4}\b(?![,.]\d)")]
    private static partial Regex Years();
}
