using System.Diagnostics;
using DocShelf.Answering.Answers;
using DocShelf.Search.Evaluation;

namespace DocShelf.Answering.Evaluation;

/// <summary>Asks every question of an answerer and scores the answers against SQuAD's gold answers.</summary>
public sealed class AnswerEvaluator(IAnswerer answerer, string answererName)
{
    /// <param name="onShelf">Questions whose paragraph is on the shelf, each with that paragraph's document id.</param>
    /// <param name="outside">Questions on articles kept off the shelf: the right answer is "not found".</param>
    public async Task<AnswerScores> RunAsync(
        IReadOnlyList<(SquadQuestion Question, string GoldDocumentId)> onShelf, IReadOnlyList<SquadQuestion> outside, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        int holding = 0, answered = 0, citing = 0, words = 0, notFound = 0, asked = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (question, gold) in onShelf)
        {
            var answer = await answerer.AnswerAsync(question.Question, cancellationToken);
            if (answer.Found)
            {
                answered++;
                words += AnswerText.Words(answer.Text);
                holding += question.Answers.Any(a => AnswerText.Holds(answer.Text, a)) ? 1 : 0;
                citing += answer.Citations.Any(c => c.DocumentId == gold) ? 1 : 0;
            }

            asked++;
            progress?.Report(asked);
        }

        foreach (var question in outside)
        {
            notFound += (await answerer.AnswerAsync(question.Question, cancellationToken)).Found ? 0 : 1;
            asked++;
            progress?.Report(asked);
        }

        return new AnswerScores(
            answererName,
            onShelf.Count,
            Share(holding, onShelf.Count),
            Share(answered, onShelf.Count),
            Share(citing, onShelf.Count),
            answered == 0 ? 0 : Math.Round(words / (double)answered, 1),
            outside.Count,
            Share(notFound, outside.Count),
            asked == 0 ? 0 : Math.Round(clock.Elapsed.TotalMilliseconds / asked, 2));
    }

    private static double Share(int count, int of) => of == 0 ? 0 : Math.Round(count / (double)of, 4);
}
