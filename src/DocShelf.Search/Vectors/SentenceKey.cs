namespace DocShelf.Search.Vectors;

/// <summary>
/// How a sentence is named: by its chunk's id and its span in the chunk's text, as a search cites it
/// (<see cref="Sentences.SentenceVectors.BestInGroups"/>) and as the store named each sentence's vector before store
/// schema 5 kept them in a file per model.
/// </summary>
public static class SentenceKey
{
    /// <summary>Added to the model's name to name its sentence vectors; model names cannot hold '#'.</summary>
    public const string CollectionSuffix = "#sentences";

    /// <summary>Whether the vectors named <paramref name="name"/> are sentences'.</summary>
    public static bool IsCollection(string name) => name.EndsWith(CollectionSuffix, StringComparison.Ordinal);

    public static string Of(string chunkId, int start, int end) => $"{chunkId}#{start}-{end}";

    public static string ChunkOf(string key) => key[..key.LastIndexOf('#')];

    /// <summary>The sentence's span in its chunk's text, as <see cref="Of"/> wrote it.</summary>
    public static (int Start, int End) SpanOf(string key)
    {
        var span = key[(key.LastIndexOf('#') + 1)..].Split('-');
        return (int.Parse(span[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(span[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
