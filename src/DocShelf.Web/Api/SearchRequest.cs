using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Core.Search;

namespace DocShelf.Web.Api;

/// <summary>The query string of /api/search, checked: q (required), top (1-100), type, source, since, mode, typing and document.</summary>
/// <param name="AsYouType">The words are being typed and the last is unfinished (no space after it): it also matches as a prefix.</param>
public sealed record SearchRequest(string Query, int Top, SearchFilters Filters, SearchMode? Mode, bool AsYouType = false)
{
    public const int MaxQueryLength = 1000;
    public const int MaxTop = 100;

    private static readonly Dictionary<string, FileKind[]> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = [FileKind.Pdf],
        ["image"] = [FileKind.Png, FileKind.Jpeg, FileKind.Tiff],
        ["text"] = [FileKind.PlainText, FileKind.Markdown, FileKind.AsciiDoc, FileKind.ReStructuredText, FileKind.Org],
        ["document"] = [FileKind.Docx, FileKind.Doc, FileKind.Rtf, FileKind.Odt, FileKind.ProtectedOffice],
        ["presentation"] = [FileKind.Pptx, FileKind.Ppt, FileKind.Odp],
        ["spreadsheet"] = [FileKind.Xlsx, FileKind.Xls, FileKind.Ods, FileKind.DelimitedText],
        ["web"] = [FileKind.Html, FileKind.Epub],
        ["email"] = [FileKind.Email, FileKind.Mbox, FileKind.OutlookMessage],
    };

    private static readonly Dictionary<string, PageSource[]> Sources = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ocr"] = [PageSource.Ocr],
        ["text"] = [PageSource.TextLayer, PageSource.PlainText],
    };

    /// <summary>Returns the request, or a sentence saying what is wrong with it.</summary>
    public static (SearchRequest? Request, string? Problem) Parse(
        string? q, string? top, string? type, string? source, string? since, string? mode = null, string? typing = null, string? document = null, string? dated = null)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return (null, "Give the words to search for: /api/search?q=harbour+dues");
        }

        if (q.Length > MaxQueryLength)
        {
            return (null, $"A query may be at most {MaxQueryLength} characters long.");
        }

        var count = 10;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxTop))
        {
            return (null, $"top must be a whole number from 1 to {MaxTop}.");
        }

        var (kinds, typeProblem) = ParseList(type, Types, "type");
        var (sources, sourceProblem) = ParseList(source, Sources, "source");
        if ((typeProblem ?? sourceProblem) is { } problem)
        {
            return (null, problem);
        }

        DateTime? addedSince = null;
        if (!string.IsNullOrEmpty(since))
        {
            // A day (YYYY-MM-DD, from its start) or a moment (2026-12-01T09:30:00Z), so "the past day" can mean 24 hours.
            if (!DateTime.TryParseExact(since, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                return (null, "since must be a date written as YYYY-MM-DD, or a UTC time as YYYY-MM-DDTHH:MM:SSZ.");
            }

            addedSince = date;
        }

        var (fromYear, toYear, datedProblem) = ParseYears(dated);
        if (datedProblem is not null)
        {
            return (null, datedProblem);
        }

        if (!string.IsNullOrEmpty(document) && !DocumentIds.IsWellFormed(document))
        {
            return (null, "document must be a document id, 16 hex digits, as /api/documents lists them.");
        }

        if (typing is not (null or "" or "0" or "1" or "true" or "false"))
        {
            return (null, "typing must be 1 (the last word is still being typed) or 0.");
        }

        SearchMode? searchMode = null;
        if (!string.IsNullOrEmpty(mode))
        {
            // By name only: Enum.TryParse also takes numbers, so "1" would have meant semantic.
            if (!Enum.GetNames<SearchMode>().Contains(mode, StringComparer.OrdinalIgnoreCase) || !Enum.TryParse<SearchMode>(mode, ignoreCase: true, out var parsed))
            {
                return (null, "mode must be lexical, semantic or hybrid.");
            }

            searchMode = parsed;
        }

        var asYouType = IsTyping(typing, q);
        var filters = new SearchFilters
        {
            Kinds = kinds,
            Sources = sources,
            AddedSinceUtc = addedSince,
            DocumentId = string.IsNullOrEmpty(document) ? null : document,
            DatedFromYear = fromYear,
            DatedToYear = toYear,
        };
        return (new SearchRequest(q.Trim(), count, filters, searchMode, asYouType), null);
    }

    /// <summary>
    /// Whether <paramref name="query"/> is searched as typed, its last word a prefix: the page says it is typing
    /// (<paramref name="typing"/> 1), and no space after the last word says that word is finished.
    /// </summary>
    public static bool IsTyping(string? typing, string query) =>
        typing is "1" or "true" && query.Length > 0 && !char.IsWhiteSpace(query[^1]);

    /// <summary>"1850-1899", "-1849" or "2000-": the years the documents' own dates fall in, either end open.</summary>
    private static (int? From, int? To, string? Problem) ParseYears(string? text)
    {
        const string Problem = "dated must be years written as FROM-TO, either of them left out: 1850-1899, -1849 or 2000-.";
        if (string.IsNullOrEmpty(text))
        {
            return (null, null, null);
        }

        var parts = text.Split('-');
        if (parts.Length != 2 || (parts[0].Length == 0 && parts[1].Length == 0))
        {
            return (null, null, Problem);
        }

        int? Year(string part) => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999 ? year : null;
        var (from, to) = (Year(parts[0]), Year(parts[1]));
        return (parts[0].Length > 0 && from is null) || (parts[1].Length > 0 && to is null) || from > to
            ? (null, null, Problem)
            : (from, to, null);
    }

    private static (T[] Values, string? Problem) ParseList<T>(string? text, Dictionary<string, T[]> known, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ([], null);
        }

        var values = new List<T>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!known.TryGetValue(word, out var mapped))
            {
                return ([], $"{name} must be one or more of {string.Join(", ", known.Keys)}, separated by commas.");
            }

            values.AddRange(mapped);
        }

        return ([.. values.Distinct()], null);
    }
}
