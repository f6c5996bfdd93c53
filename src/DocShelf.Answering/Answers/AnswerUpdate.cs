namespace DocShelf.Answering.Answers;

/// <summary>
/// One step of an answer being written: a piece of draft text as a generative model writes it, or the final,
/// checked answer. Only the final answer is authoritative: its citations have been checked, and it may differ
/// from the draft (unsupported citations removed, or the extractive answer in its place).
/// </summary>
public sealed record AnswerUpdate
{
    public string? Draft { get; private init; }

    public Answer? Final { get; private init; }

    public static AnswerUpdate Text(string draft) => new() { Draft = draft };

    public static AnswerUpdate Done(Answer answer) => new() { Final = answer };
}
