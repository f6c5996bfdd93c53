using System.Text;
using DocShelf.Core.Search;
using Spectre.Console;

namespace DocShelf.Cli.Output;

/// <summary>Search results for people: where each hit is, and the snippet with the query's words marked.</summary>
public static class HitPrinter
{
    public static void Print(string query, IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No results for [bold]{query}[/].");
            return;
        }

        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            var label = hit.PageLabel is null ? "" : $" ({hit.PageLabel})";
            AnsiConsole.MarkupLineInterpolated(
                $"[bold]{i + 1,2}.[/] [blue]{hit.Path}[/]  page [bold]{hit.Page}[/]{label}  score {hit.Score:0.00}  [grey]{hit.ChunkId}[/]");
            if (hit.Title is not null || hit.Origin is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"    [italic]{string.Join(" · ", new[] { hit.Title, hit.Origin }.OfType<string>())}[/]");
            }

            AnsiConsole.MarkupLine("    " + Mark(hit.Snippet, hit.Highlights));
        }
    }

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
