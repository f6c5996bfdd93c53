using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Fixtures.Benchmarks;

/// <summary>
/// Papers as most born-digital papers on a real shelf are made: LaTeX's two-column article typeset by pdfTeX, with
/// its subset Type 1 fonts and compressed page streams. About 12 KB of PDF and 4 KB of text a page, five or six
/// chunks, which is what the papers behind issue 31's figures measured (13.5 KB and 5.6); the papers
/// <see cref="BenchmarkShelves.Papers(string, int, int)"/> draws are three times the bytes for a third of the text.
/// </summary>
public static class TypesetPapers
{
    private const int Sections = 5;
    private const int ParagraphsPerSection = 8;

    /// <summary>Whether pdfTeX is installed (Debian's texlive-latex-base; `./build.sh bench` installs it).</summary>
    public static bool CanTypeset => Tool.IsOnPath("pdflatex");

    /// <summary>
    /// Writes <paramref name="count"/> papers of <paramref name="paragraphs"/> taken in turn (from the start again when
    /// they run out), each about seven pages, and gives their paths.
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, int count, IReadOnlyList<string> paragraphs)
    {
        Directory.CreateDirectory(folder);
        return Enumerable.Range(0, count).AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount).Select(paper =>
        {
            var first = paper * Sections * ParagraphsPerSection;
            var name = string.Create(CultureInfo.InvariantCulture, $"paper-{paper + 1:000}");
            var body = Enumerable.Range(0, Sections).Select(section =>
                $"\\section{{Part {section + 1}}}\n" + string.Join("\n\n", Enumerable.Range(0, ParagraphsPerSection).Select(i =>
                    Escape(paragraphs[(first + (section * ParagraphsPerSection) + i) % paragraphs.Count]))));
            var source = $"\\documentclass[10pt,twocolumn]{{article}}\n\\title{{Paper {paper + 1}}}\\author{{A. Archivist}}\\date{{}}\n" +
                         $"\\begin{{document}}\\maketitle\n{string.Join("\n\n", body)}\n\\end{{document}}\n";
            File.WriteAllText(Path.Combine(folder, name + ".tex"), source);
            Typeset(folder, name);
            return Path.Combine(folder, name + ".pdf");
        }).ToList();
    }

    private static void Typeset(string folder, string name)
    {
        var start = new ProcessStartInfo("pdflatex", ["-interaction=batchmode", name + ".tex"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // A character the fonts lack (an ogonek, a CJK name) is left out with an error in the log, as an author
        // would see it; only a paper with no PDF at all is a failure.
        if (!File.Exists(Path.Combine(folder, name + ".pdf")))
        {
            throw new InvalidOperationException($"pdflatex could not typeset {name}.tex: see {name}.log in {folder}");
        }

        foreach (var extension in new[] { ".tex", ".aux", ".log" })
        {
            File.Delete(Path.Combine(folder, name + extension));
        }
    }

    /// <summary>Text as LaTeX reads it literally: its special characters escaped or replaced.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' or '%' or '$' or '#' or '_' => $"\\{c}",
                '{' => "(",
                '}' => ")",
                '\\' or '^' or '~' => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
