using System.Text.RegularExpressions;
using DocShelf.Answering.Answers;
using DocShelf.Answering.Citing;
using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Search;

namespace DocShelf.Answering.Chat;

/// <summary>
/// Holds a model's answer to its sources. A citation stands only if it names a source the model was given and that
/// source holds enough of the citing sentence's search terms; others are removed. A sentence left with no citation
/// is removed too, since nothing on the shelf vouches for it. The citations that stand are numbered afresh in order
/// of first use and quote the sentence of their chunk that best matches what was claimed.
/// </summary>
public sealed partial class CitationChecker(ShelfSearcher searcher, CitationBuilder citing, double minimumSupport)
{
    public CheckedAnswer Check(string text, IReadOnlyList<Chunk> sources)
    {
        // "…away. [1] The…" would give the marker to the next sentence: move it before the full stop first.
        var flat = MarkersAfterStop().Replace(Whitespace().Replace(text, " ").Trim(), " ${markers}${stop}");
        var numbers = new Dictionary<int, int>(); // source index → citation number
        var claims = new Dictionary<int, List<IReadOnlySet<string>>>();
        var sentences = new List<string>();
        int removedCitations = 0, removedSentences = 0;
        foreach (var (start, end) in SentenceSpans.Of(flat))
        {
            var sentence = flat[start..end];
            var claim = Whitespace().Replace(Marker().Replace(sentence, " "), " ").Trim();
            claim = SpaceBeforePunctuation().Replace(claim, "$1");
            var terms = searcher.TermsOf(claim);
            var cited = CitedSources(sentence, sources.Count, out var outOfRange);
            var standing = cited.Where(i => Supports(sources[i], terms)).ToList();
            removedCitations += outOfRange + cited.Count - standing.Count;
            if (standing.Count == 0)
            {
                removedSentences++;
                continue;
            }

            foreach (var source in standing)
            {
                numbers.TryAdd(source, numbers.Count + 1);
                (claims.TryGetValue(source, out var list) ? list : claims[source] = []).Add(terms);
            }

            sentences.Add($"{claim} {string.Concat(standing.Select(s => $"[{numbers[s]}]"))}");
        }

        var citations = numbers.OrderBy(n => n.Value).Select(n => CiteBestSentence(n.Value, sources[n.Key], claims[n.Key])).ToList();
        return new CheckedAnswer(string.Join(' ', sentences), citations, removedCitations, removedSentences);
    }

    /// <summary>The distinct source indexes (0-based) a sentence cites, in order; citations of sources never given are counted apart.</summary>
    private static List<int> CitedSources(string sentence, int count, out int outOfRange)
    {
        var cited = new List<int>();
        outOfRange = 0;
        foreach (Match marker in Marker().Matches(sentence))
        {
            foreach (Capture number in marker.Groups["n"].Captures)
            {
                if (int.TryParse(number.Value, out var n) && n >= 1 && n <= count)
                {
                    cited.Add(n - 1);
                }
                else
                {
                    outOfRange++;
                }
            }
        }

        return cited.Distinct().ToList();
    }

    private bool Supports(Chunk source, IReadOnlySet<string> terms)
    {
        if (terms.Count == 0)
        {
            return false;
        }

        var found = searcher.FindTerms(terms, source.Text).Select(m => m.Term).Distinct().Count();
        return found >= terms.Count * minimumSupport;
    }

    private Citation CiteBestSentence(int number, Chunk chunk, List<IReadOnlySet<string>> claims)
    {
        var terms = claims.SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
        var best = SentenceSpans.Of(chunk.Text)
            .Select(span => (span.Start, span.End, Found: searcher.FindTerms(terms, chunk.Text[span.Start..span.End]).Select(m => m.Term).Distinct().Count()))
            .DefaultIfEmpty((Start: 0, End: chunk.Text.Length, Found: 0))
            .MaxBy(s => s.Found);
        return citing.Cite(number, chunk, best.Start, best.End);
    }

    /// <summary>[2], [1, 3], [1][2] (each bracket its own match), and the "[Source 2]" some models write.</summary>
    [GeneratedRegex(@"\[(?:source\s*)?(?<n>\d+)(?:\s*[,;]\s*(?:source\s*)?(?<n>\d+))*\]", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();

    [GeneratedRegex(@"(?<stop>[.!?])(?<markers>(?:\s*\[(?:source\s*)?\d+(?:\s*[,;]\s*(?:source\s*)?\d+)*\])+)", RegexOptions.IgnoreCase)]
    private static partial Regex MarkersAfterStop();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
