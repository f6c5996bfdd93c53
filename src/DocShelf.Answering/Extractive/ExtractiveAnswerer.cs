using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using DocShelf.Answering.Answers;
using DocShelf.Answering.Citing;
using DocShelf.Core.Documents;
using DocShelf.Core.Search;
using DocShelf.Core.Text;
using DocShelf.Search;
using DocShelf.Search.Store;

namespace DocShelf.Answering.Extractive;

/// <summary>
/// Answers from the shelf's own sentences, no model needed: it reads the best chunks for the question, scores each
/// sentence by how much of the question it holds (terms weighted by rarity), how close together they sit and how
/// well its chunk ranked, and returns one to three sentences with numbered citations. When even the best sentence
/// holds too little of the question, it says the shelf does not hold the answer instead of guessing.
/// </summary>
public sealed class ExtractiveAnswerer(ShelfSearcher searcher, ShelfStore store, ExtractiveOptions? options = null) : IAnswerer
{
    public const string Name = "extractive";

    private readonly ExtractiveOptions options = options ?? new ExtractiveOptions();
    private readonly CitationBuilder citing = new(store);

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return AnswerUpdate.Done(await AnswerAsync(question, cancellationToken));
    }

    public async Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        var terms = searcher.TermsOf(question);
        if (terms.Count == 0)
        {
            return Answer.NotFound(question);
        }

        var hits = await searcher.SearchAsync(question, options.Chunks, null, searcher.BestMode, cancellationToken: cancellationToken);
        var chunks = hits.Select(h => store.FindChunk(h.ChunkId)).ToList();
        var candidates = await WithMeaningAsync(question, Candidates(chunks, terms), cancellationToken);
        var best = candidates.MaxBy(c => c.Score);
        if (best is null || !Answers(best))
        {
            return Answer.NotFound(question);
        }

        var enough = ByMeaning(best) ? options.MinimumSupportWithMeaning : options.MinimumSupport;
        var chosen = candidates
            .Where(c => c.Score >= best.Score * options.CompanionShare && c.Support >= enough)
            .OrderByDescending(c => c.Score)
            .DistinctBy(c => c.Text)
            .Take(options.MaxSentences)
            .ToList();
        return Compose(question, chosen);
    }

    /// <summary>
    /// Whether the best sentence answers the question or the shelf does not hold the answer. Words alone must hold a
    /// good share of the question's weight. With a model that gives an answer floor, the sentence must be that
    /// close in meaning and then needs fewer of the words: on dev-a this answers more questions on the shelf, and
    /// refuses more from off it, than words alone.
    /// </summary>
    private bool Answers(Candidate best) => ByMeaning(best)
        ? best.Support >= options.MinimumSupportWithMeaning && best.Similarity >= searcher.Semantic!.Floors.Answer
        : best.Support >= options.MinimumSupport;

    /// <summary>Whether meaning decides for this sentence: the model gives an answer floor and the sentence has a vector.</summary>
    private bool ByMeaning(Candidate best) => searcher.Semantic?.Floors.Answer is not null && best.Similarity is not null;

    /// <param name="chunks">The retrieved chunks in rank order; null where a hit's chunk is no longer stored.</param>
    private List<Candidate> Candidates(List<Chunk?> chunks, IReadOnlySet<string> terms)
    {
        var weights = Weights(chunks, terms);
        var total = weights.Values.Sum();
        var candidates = new List<Candidate>();
        for (var rank = 0; rank < chunks.Count; rank++)
        {
            if (chunks[rank] is not { } chunk)
            {
                continue;
            }

            foreach (var (start, end) in SentenceSpans.Of(chunk.Text))
            {
                var text = CitationBuilder.Quote(chunk, start, end);
                var matches = searcher.FindTerms(terms, text);
                var found = matches.Select(m => m.Term).ToHashSet(StringComparer.Ordinal);
                var support = total > 0 ? found.Sum(t => weights[t]) / total : 0;
                var score = support * (0.8 + (0.2 * Proximity(matches.Select(m => m.Span.Start).ToList(), text.Length))) / RankDivisor(rank);
                candidates.Add(new Candidate(chunk, start, end, text, support, score, rank));
            }
        }

        return candidates;
    }

    /// <summary>
    /// With an embedding model in use, a sentence close in meaning to the question scores higher, so of sentences
    /// holding the same words the one about the same thing comes first. Similarity alone never makes an answer (it
    /// would answer every question with something): see <see cref="Answers"/>. Only the question is embedded here;
    /// the sentences' vectors were made at ingest, and a sentence without one yet is judged by its words.
    /// </summary>
    private async Task<List<Candidate>> WithMeaningAsync(string question, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        if (searcher.Semantic is not { } semantic || candidates.Count == 0 || options.MeaningWeight <= 0)
        {
            return candidates;
        }

        var asked = await semantic.EmbedQueryAsync(question, cancellationToken);
        var stored = new Dictionary<(string ChunkId, int Start, int End), ReadOnlyMemory<float>>();
        foreach (var chunk in candidates.GroupBy(c => c.Chunk.Id, StringComparer.Ordinal))
        {
            var vectors = semantic.SentenceVectors(chunk.Key, chunk.Select(c => (c.Start, c.End)));
            foreach (var (span, vector) in vectors)
            {
                stored[(chunk.Key, span.Start, span.End)] = vector;
            }
        }

        return [.. candidates.Select(c =>
        {
            if (!stored.TryGetValue((c.Chunk.Id, c.Start, c.End), out var vector))
            {
                return c;
            }

            var similarity = Math.Max(0, TensorPrimitives.CosineSimilarity(asked.Span, vector.Span));
            return c with { Score = c.Score + (options.MeaningWeight * similarity / RankDivisor(c.ChunkRank)), Similarity = similarity };
        })];
    }

    /// <summary>
    /// Each term's weight by how rare it is among the retrieved chunks: a word in every chunk says little about
    /// which sentence answers, a word in one says much.
    /// </summary>
    private Dictionary<string, double> Weights(List<Chunk?> chunks, IReadOnlySet<string> terms)
    {
        var texts = chunks.Select(c => c?.Text ?? "").ToList();
        var containing = terms.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var term in searcher.FindTerms(terms, text).Select(m => m.Term).Distinct())
            {
                containing[term]++;
            }
        }

        return terms.ToDictionary(t => t, t => Math.Log(1 + ((texts.Count + 1.0) / (containing[t] + 0.5))), StringComparer.Ordinal);
    }

    /// <summary>What a sentence's score is divided by for its chunk's rank: a better-ranked chunk counts a little more.</summary>
    private static double RankDivisor(int rank) => 1 + (0.05 * rank);

    /// <summary>1 when the matched words sit together, falling towards 0 as they spread over the sentence.</summary>
    private static double Proximity(List<int> positions, int length)
    {
        if (positions.Count < 2 || length == 0)
        {
            return positions.Count == 1 ? 1 : 0;
        }

        var spread = positions.Max() - positions.Min();
        return 1 - Math.Min(1, spread / (double)Math.Max(length, 80));
    }

    private Answer Compose(string question, List<Candidate> chosen)
    {
        var citations = new List<Citation>();
        var sentences = new List<string>();
        foreach (var candidate in chosen)
        {
            var citation = citing.Cite(citations.Count + 1, candidate.Chunk, candidate.Start, candidate.End);
            citations.Add(citation);
            sentences.Add($"{candidate.Text} [{citation.Number}]");
        }

        return new Answer { Question = question, Text = string.Join(' ', sentences), Found = true, Citations = citations };
    }
}
