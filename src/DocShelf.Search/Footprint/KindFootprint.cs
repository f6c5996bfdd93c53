namespace DocShelf.Search.Footprint;

/// <summary>
/// What one kind of page costs in the data folder: its documents' page sources and cached page images, and its
/// share of the store, the lexical index and the vectors, split by its share of the chunks.
/// </summary>
public sealed record KindFootprint(string Kind, int Documents, int Pages, long OriginalBytes, long Bytes)
{
    public long BytesPerPage => Pages == 0 ? 0 : Bytes / Pages;

    /// <summary>The data folder's bytes for these documents over their originals' bytes.</summary>
    public double TimesOriginals => OriginalBytes == 0 ? 0 : Bytes / (double)OriginalBytes;
}
