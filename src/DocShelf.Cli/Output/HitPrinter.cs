using System.Text;
using DocShelf.Core.Search;
using DocShelf.Web.Api;
using Spectre.Console;

namespace DocShelf.Cli.Output;

/// <summary>
/// Search results for people: first the query's words no document holds, then where each hit is, whether it holds
/// the words or is only related by meaning, and the snippet with the query's words marked.
/// </summary>
public static class HitPrinter
{
    public static void Print(string query, SearchResult found)
    {
        if (found.Absent.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No document holds {Quoted(found.Absent)}.");
        }

        var hits = found.Results;
        if (hits.Count == 0)
        {
            if (found.Absent.Count == 0)
            {
                AnsiConsole.MarkupLineInterpolated($"No results for [bold]{query}[/].");
            }

            return;
        }

        if (hits.All(h => h.Match == HitMatch.Meaning))
        {
            AnsiConsole.MarkupLine("Related by meaning, holding none of the words:");
        }

        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            var label = hit.PageLabel is null ? "" : $" ({hit.PageLabel})";
            AnsiConsole.MarkupInterpolated(
                $"[bold]{i + 1,2}.[/] [blue]{hit.Path}[/]  page [bold]{hit.Page}[/]{label}  score {hit.Score:0.00}  [grey]{hit.ChunkId}[/]");
            AnsiConsole.MarkupLine(hit.Match == HitMatch.Meaning ? "  [italic]related by meaning[/]" : "");
            if (hit.Title is not null || hit.Origin is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"    [italic]{string.Join(" · ", new[] { hit.Title, hit.Origin }.OfType<string>())}[/]");
            }

            AnsiConsole.MarkupLine("    " + Mark(hit.Snippet, hit.Highlights));
        }
    }

    private static string Quoted(IReadOnlyList<string> words) =>
        words.Count == 1 ? $"“{words[0]}”" : string.Join(", ", words.SkipLast(1).Select(w => $"“{w}”")) + $" or “{words[^1]}”";

    private static string Mark(string snippet, IReadOnlyList<TextSpan> highlights)
    {
        var markup = new StringBuilder();
        var position = 0;
        foreach (var span in highlights.Where(s => s.Start >= 0 && s.Start + s.Length <= snippet.Length).OrderBy(s => s.Start))
        {
            if (span.Start < position)
            {
                continue;
            }

            markup.Append(Markup.Escape(snippet[position..span.Start]));
            markup.Append("[bold yellow]").Append(Markup.Escape(snippet.Substring(span.Start, span.Length))).Append("[/]");
            position = span.Start + span.Length;
        }

        return markup.Append(Markup.Escape(snippet[position..])).ToString();
    }
}
