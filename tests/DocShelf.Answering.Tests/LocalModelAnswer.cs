using DocShelf.Answering.Answers;

namespace DocShelf.Answering.Tests;

/// <summary>What a generated tiny chat model's answer to the lamp question must look like, whichever runtime runs it.</summary>
public static class LocalModelAnswer
{
    /// <summary>
    /// The question was laid out in ChatML, the model's own greedy text (<paramref name="expected"/>) streamed as the
    /// draft, and, random weights citing nothing, the extractive answer given instead with the reason.
    /// </summary>
    public static void StreamedItsDraftThenFellBack(string question, string prompt, string expected, IReadOnlyList<AnswerUpdate> updates)
    {
        Assert.StartsWith("<|im_start|>system\nYou answer a researcher's questions", prompt, StringComparison.Ordinal);
        Assert.EndsWith("Question: " + question + "<|im_end|>\n<|im_start|>assistant\n", prompt, StringComparison.Ordinal);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, string.Concat(updates.Select(u => u.Draft)));
        var answer = updates[^1].Final!;
        Assert.Equal("extractive", answer.Answerer);
        Assert.Contains("harbour office window", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("The chat model's answer cited nothing on the shelf that supports it.", answer.Notice, StringComparison.Ordinal);
    }
}
