namespace DocShelf.Search.Vectors;

/// <summary>
/// Sentence vectors live in a collection of their own beside a model's chunk vectors, one record per sentence of a
/// chunk, keyed by the chunk's id and the sentence's span in the chunk's text. Questions are usually answered by one
/// sentence, and a sentence's vector matches a question more closely than its whole chunk's does.
/// </summary>
public static class SentenceKey
{
    /// <summary>Added to the model's name to name its sentence collection; model names cannot hold '#'.</summary>
    public const string CollectionSuffix = "#sentences";

    /// <summary>Whether the vector collection named <paramref name="name"/> holds sentences.</summary>
    public static bool IsCollection(string name) => name.EndsWith(CollectionSuffix, StringComparison.Ordinal);

    public static string Of(string chunkId, int start, int end) => $"{chunkId}#{start}-{end}";

    public static string ChunkOf(string key) => key[..key.LastIndexOf('#')];

    /// <summary>Whether a vector key names a sentence rather than a chunk; chunk ids never hold '#'.</summary>
    public static bool IsSentence(string key) => key.Contains('#', StringComparison.Ordinal);
}
