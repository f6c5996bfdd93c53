using DocShelf.Search.Hybrid;

namespace DocShelf.Search.Evaluation;

/// <summary>
/// Compares ways of fusing the lexical and semantic rankings on a question set, fairly: every rule's settings are
/// tuned on the questions of one half of the articles (alternate articles, in file order) and scored on the other
/// half, which tuning never saw, then on all questions. Each question's two rankings are fetched once and every
/// setting is replayed on them, so the study costs one hybrid search per question.
/// </summary>
public sealed class FusionStudy(ShelfSearcher searcher)
{
    private static readonly int[] RankConstants = [1, 5, 10, 20, 40, 60];
    private static readonly double[] SemanticWeights = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3];
    private static readonly double[] LexicalShares = [.. Enumerable.Range(0, 21).Select(i => i / 20.0)];

    public async Task<List<FusionStudyRow>> RunAsync(IReadOnlyList<StudyQuestion> questions, CancellationToken cancellationToken)
    {
        var articles = questions.Select(q => q.Article).Distinct(StringComparer.Ordinal).ToList();
        var tuning = articles.Where((_, i) => i % 2 == 0).ToHashSet(StringComparer.Ordinal);
        var asked = new List<(StudyQuestion Question, HybridCandidates Candidates)>(questions.Count);
        foreach (var question in questions)
        {
            asked.Add((question, await searcher.CandidatesAsync(question.Question, ShelfSearcher.HybridDepth(10), null, cancellationToken)));
        }

        var tune = asked.Where(a => tuning.Contains(a.Question.Article)).ToList();
        var held = asked.Where(a => !tuning.Contains(a.Question.Article)).ToList();
        var rules = new List<(string Name, string Settings, Func<HybridCandidates, IReadOnlyList<ScoredChunk>> Rank)>
        {
            ("lexical", "", c => c.Lexical),
            ("semantic", "", c => c.Semantic),
            ("rank fusion, untuned", "k 60, weights 1 : 1", c => new RankFusion().Fuse(c, 10)),
        };
        var rrf = Best(tune, RankConstants.SelectMany(k => SemanticWeights.Select(w => new RankFusion(1, w, k))));
        rules.Add(("rank fusion, tuned", $"k {rrf.K}, weights 1 : {rrf.SemanticWeight}", c => rrf.Fuse(c, 10)));
        var scores = Best(tune, LexicalShares.Select(share => new ScoreFusion(share)));
        rules.Add(("normalised scores, tuned", $"lexical share {scores.LexicalShare:0.00}", c => scores.Fuse(c, 10)));
        return [.. rules.Select(r => new FusionStudyRow(r.Name, r.Settings, Score(tune, r.Rank), Score(held, r.Rank), Score(asked, r.Rank)))];
    }

    /// <summary>The fusion whose mean of recall@1, @5 and @10 is highest on <paramref name="questions"/>; the first wins a tie.</summary>
    private static T Best<T>(List<(StudyQuestion Question, HybridCandidates Candidates)> questions, IEnumerable<T> fusions)
        where T : IHybridFusion =>
        fusions.Select(f => (Fusion: f, Score: Score(questions, c => f.Fuse(c, 10))))
            .Aggregate((best, next) => Objective(next.Score) > Objective(best.Score) ? next : best).Fusion;

    private static double Objective(RetrievalScores scores) => (scores.RecallAt1 + scores.RecallAt5 + scores.RecallAt10) / 3;

    private static RetrievalScores Score(List<(StudyQuestion Question, HybridCandidates Candidates)> questions, Func<HybridCandidates, IReadOnlyList<ScoredChunk>> rank) =>
        RetrievalScores.From("", [.. questions.Select(q => RankOf(q.Question.GoldDocumentId, rank(q.Candidates)))], TimeSpan.Zero);

    /// <summary>The 1-based rank of <paramref name="gold"/> among the distinct documents of <paramref name="ranked"/>.</summary>
    private static int? RankOf(string gold, IReadOnlyList<ScoredChunk> ranked)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ranked)
        {
            if (seen.Add(chunk.DocumentId) && chunk.DocumentId == gold)
            {
                return seen.Count;
            }
        }

        return null;
    }
}
