using DocShelf.Answering.Answers;

namespace DocShelf.Answering.Chat;

/// <summary>A model's answer after its citations were checked: what stands, and how much was taken out.</summary>
public sealed record CheckedAnswer(string Text, IReadOnlyList<Citation> Citations, int RemovedCitations, int RemovedSentences);
