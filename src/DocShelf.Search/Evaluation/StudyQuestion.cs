namespace DocShelf.Search.Evaluation;

/// <summary>A question, the id of the document its answer is on, and the article that document came from.</summary>
public sealed record StudyQuestion(string Question, string GoldDocumentId, string Article);
