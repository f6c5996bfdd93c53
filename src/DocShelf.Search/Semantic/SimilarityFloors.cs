namespace DocShelf.Search.Semantic;

/// <summary>
/// Where an embedding model's cosine similarities start to mean something. Every model has its own scale: one
/// model's unrelated texts score 0.1, another's 0.5, so these come with the model and are measured on it.
/// </summary>
/// <param name="Search">Below this a chunk is no match at all for a query; every query has nearest neighbours.</param>
/// <param name="Answer">
/// What the best sentence of an answer must reach for the extractive answerer to give it on fewer of the
/// question's words; null when the model gives none, and words alone decide whether to answer.
/// </param>
/// <param name="Related">
/// What a chunk holding none of the query's words must reach for hybrid search to show it as related by meaning,
/// set above what words absent from a shelf reach (`docshelf eval --related` measures it); null when the model
/// gives none, and <paramref name="Search"/> applies.
/// </param>
public sealed record SimilarityFloors(double Search = double.NegativeInfinity, double? Answer = null, double? Related = null)
{
    public static SimilarityFloors None { get; } = new();

    /// <summary>The floor a meaning-only hybrid hit must reach: <see cref="Related"/>, or <see cref="Search"/> without it.</summary>
    public double RelatedOrSearch => Related ?? Search;
}
