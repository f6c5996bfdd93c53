using System.Diagnostics;
using DocShelf.Core.Search;

namespace DocShelf.Search.Evaluation;

/// <summary>Asks every question of a shelf built from the set's paragraphs and scores where each gold paragraph ranks.</summary>
public sealed class RetrievalEvaluator(ShelfSearcher searcher)
{
    /// <summary>Chunks fetched per question; enough that ten distinct documents are nearly always among them.</summary>
    private const int Depth = 30;

    /// <param name="questions">Each question with the id of the document made from its paragraph.</param>
    public async Task<RetrievalScores> RunAsync(
        IReadOnlyList<(SquadQuestion Question, string GoldDocumentId)> questions, SearchMode mode, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var ranks = new List<int?>(questions.Count);
        var clock = Stopwatch.StartNew();
        foreach (var (question, gold) in questions)
        {
            var hits = await searcher.SearchAsync(question.Question, Depth, null, mode, cancellationToken: cancellationToken);
            ranks.Add(RankOf(gold, hits));
            progress?.Report(ranks.Count);
        }

        return RetrievalScores.From(mode.ToString().ToLowerInvariant(), ranks, clock.Elapsed);
    }

    /// <summary>The 1-based rank of <paramref name="gold"/> among the distinct documents of <paramref name="hits"/>.</summary>
    public static int? RankOf(string gold, IReadOnlyList<SearchHit> hits)
    {
        var rank = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            if (seen.Add(hit.DocumentId))
            {
                rank++;
                if (hit.DocumentId == gold)
                {
                    return rank;
                }
            }
        }

        return null;
    }
}
