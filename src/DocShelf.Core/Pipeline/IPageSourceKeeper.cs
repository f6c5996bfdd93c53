namespace DocShelf.Core.Pipeline;

/// <summary>Keeps the file a document's pages are drawn from: in the shelf's data folder, or in a worker's reading for the shelf.</summary>
public interface IPageSourceKeeper
{
    /// <summary>Keeps a copy of <paramref name="source"/> as the page source of <paramref name="documentId"/>.</summary>
    void Keep(string documentId, string source);
}
