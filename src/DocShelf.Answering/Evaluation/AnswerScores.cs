namespace DocShelf.Answering.Evaluation;

/// <summary>
/// How well a set of questions was answered. For questions on the shelf: the share whose answer holds a gold answer
/// text, the share answered at all, the share citing the paragraph the question was written on, and the answers'
/// average length. For questions from articles kept off the shelf: the share answered "not found".
/// </summary>
public sealed record AnswerScores(
    string Answerer,
    int Questions,
    double GoldInAnswer,
    double Answered,
    double GoldParagraphCited,
    double AverageWords,
    int OutsideQuestions,
    double OutsideNotFound,
    double MillisecondsPerQuestion);
