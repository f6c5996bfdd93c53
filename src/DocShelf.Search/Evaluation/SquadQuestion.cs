namespace DocShelf.Search.Evaluation;

public sealed record SquadQuestion(string Id, string Question, IReadOnlyList<string> Answers);
