namespace DocShelf.Answering.Answers;

/// <summary>Answers a question from the shelf, streaming draft text where the answerer writes any.</summary>
public interface IAnswerer
{
    /// <summary>Draft pieces, if any, then exactly one final answer.</summary>
    IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, CancellationToken cancellationToken = default);

    /// <summary>The final answer alone.</summary>
    async Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        await foreach (var update in StreamAsync(question, cancellationToken))
        {
            if (update.Final is { } answer)
            {
                return answer;
            }
        }

        throw new InvalidOperationException("The answerer ended without an answer.");
    }
}
