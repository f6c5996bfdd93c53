using System.Globalization;
using System.Text.RegularExpressions;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// One saved graph and the range of vector keys it covers: every vector the store held in that range when it was
/// saved is in it. Keys are handed out in rising order and never again, so no vector stored later falls in a range
/// already saved; one deleted since stays in the graph until the range is rebuilt, and searches skip it.
/// </summary>
public sealed partial record GraphSegment(long FirstKey, long LastKey, string Path, VectorGraph Graph) : IDisposable
{
    private const string Extension = ".usearch";

    public long Count => Graph.Count;

    /// <summary>Where a segment of this range is saved in <paramref name="folder"/>.</summary>
    public static string PathFor(string folder, long firstKey, long lastKey) =>
        System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"graph-{firstKey:D12}-{lastKey:D12}{Extension}"));

    /// <summary>The range a segment file's name gives, or null for a file that is not a segment.</summary>
    public static (long First, long Last)? RangeOf(string path)
    {
        var match = SegmentName().Match(System.IO.Path.GetFileName(path));
        return match.Success
            ? (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    public bool Covers(long key) => key >= FirstKey && key <= LastKey;

    public void Dispose() => Graph.Dispose();

    [GeneratedRegex(@"^graph-(\d{12})-(\d{12})\.usearch$")]
    private static partial Regex SegmentName();
}
