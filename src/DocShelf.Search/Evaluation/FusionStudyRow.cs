namespace DocShelf.Search.Evaluation;

/// <summary>One fusion rule's settings and its scores on the tuning half, the held-out half and all questions.</summary>
public sealed record FusionStudyRow(string Rule, string Settings, RetrievalScores Tuning, RetrievalScores HeldOut, RetrievalScores All);
