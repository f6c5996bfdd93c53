using LiteDB;

namespace DocShelf.Search.Vectors;

/// <summary>
/// How many vectors a collection holds for one document, kept in the same transaction as the vectors themselves, so
/// seeing which documents still need vectors reads one small record per document instead of every vector.
/// </summary>
public sealed record DocumentTally
{
    /// <summary>The document id.</summary>
    public required string Id { get; init; }

    public int Vectors { get; init; }

    /// <summary>
    /// Changes a document's tally in <paramref name="tallies"/> by <paramref name="change"/>, inside the caller's
    /// transaction; a tally that reaches nothing is deleted.
    /// </summary>
    public static void Change(ILiteCollection<DocumentTally> tallies, string documentId, int change)
    {
        var vectors = (tallies.FindById(documentId)?.Vectors ?? 0) + change;
        if (vectors > 0)
        {
            tallies.Upsert(new DocumentTally { Id = documentId, Vectors = vectors });
        }
        else
        {
            tallies.Delete(documentId);
        }
    }
}
