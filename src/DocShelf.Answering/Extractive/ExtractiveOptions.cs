namespace DocShelf.Answering.Extractive;

/// <summary>How the extractive answerer chooses its sentences, and when it says the shelf holds no answer.</summary>
public sealed record ExtractiveOptions
{
    /// <summary>Chunks read for candidate sentences.</summary>
    public int Chunks { get; init; } = 8;

    /// <summary>Most sentences in an answer.</summary>
    public int MaxSentences { get; init; } = 3;

    /// <summary>
    /// Share of the question's weight (its terms weighted by rarity) the best sentence must hold; below it the answer
    /// is "not found" rather than a guess.
    /// </summary>
    public double MinimumSupport { get; init; } = 0.45;

    /// <summary>
    /// The share of the question's weight that is enough when the model also finds the sentence close in meaning
    /// (at least its answer floor, <see cref="Search.Semantic.SimilarityFloors.Answer"/>).
    /// </summary>
    public double MinimumSupportWithMeaning { get; init; } = 0.3;

    /// <summary>A further sentence joins the answer only if it scores at least this share of the best one.</summary>
    public double CompanionShare { get; init; } = 0.75;

    /// <summary>
    /// With an embedding model in use, how much a sentence's similarity in meaning to the question (cosine, 0 to 1)
    /// adds to its score, against at most 1 from the words it shares with the question.
    /// </summary>
    public double MeaningWeight { get; init; } = 1;
}
