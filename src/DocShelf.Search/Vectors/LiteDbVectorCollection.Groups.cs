using DocShelf.Search.Vectors.Graphs;
using DocShelf.Search.Vectors.Groups;

namespace DocShelf.Search.Vectors;

/// <summary>A collection found by group (<see cref="VectorIndexKind.Groups"/>): its table of keys by chunk, and the search by chunk.</summary>
public sealed partial class LiteDbVectorCollection
{
    /// <summary>
    /// For each chunk named, its vector most similar to <paramref name="query"/> (a sentence's, whose key is the
    /// chunk's id, '#' and the sentence's span), scored exactly: those saved are read from the rows through the
    /// table, those held in memory from there, and those not saved yet from the store. A chunk with none is left out.
    /// </summary>
    public Dictionary<string, (ChunkVector Record, float Score)> BestInGroups(
        IReadOnlyCollection<string> chunkIds, ReadOnlySpan<float> query, CancellationToken cancellationToken = default)
    {
        if (kind != VectorIndexKind.Groups)
        {
            throw new InvalidOperationException($"The vector collection {Name} is searched through graphs, not by chunk.");
        }

        var wanted = chunkIds.ToHashSet(StringComparer.Ordinal);
        var (memory, _) = Opened();
        List<KeyRange> unbuilt;
        List<(ChunkVector Citation, float[] Vector)> held;
        lock (gate)
        {
            unbuilt = pending;
            held = memory.Where(id => SentenceKey.IsSentence(id) && wanted.Contains(SentenceKey.ChunkOf(id)));
        }

        var (rowsNow, tableNow, goneNow) = (rows, table, Volatile.Read(ref gone));
        var best = new Dictionary<string, (ChunkVector, float)>(StringComparer.Ordinal);
        foreach (var (citation, vector) in held)
        {
            Offer(best, SentenceKey.ChunkOf(citation.ChunkId), citation, Similarity.Cosine(query, vector));
        }

        var rowBytes = new byte[VectorCodec.ByteCount(dimensions, StoredEncoding)];
        var decoded = new float[dimensions];
        foreach (var chunkId in wanted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prefix = chunkId + "#";
            // Chunks may share a hash, so each row's own id says whose it is.
            foreach (var key in tableNow?.KeysOf(chunkId) ?? [])
            {
                if (ScoreSaved(rowsNow, goneNow, key, query, rowBytes, decoded) is var (citation, score) && citation.ChunkId.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Offer(best, chunkId, citation, score);
                }
            }

            if (unbuilt.Count > 0)
            {
                // LiteDB compares ids without regard to case, so each id found is checked again as it is.
                foreach (var stored in Stored.Find(LiteDB.Query.StartsWith("_id", prefix)))
                {
                    if (stored.Id.StartsWith(prefix, StringComparison.Ordinal) && unbuilt.Any(r => stored.Key >= r.First && stored.Key <= r.Last))
                    {
                        VectorCodec.Decode(stored.Data, StoredEncoding, decoded);
                        Offer(best, chunkId, ToRecord(stored, includeVector: false), Similarity.Cosine(query, decoded));
                    }
                }
            }
        }

        return best;
    }

    private static void Offer(Dictionary<string, (ChunkVector, float)> best, string chunkId, ChunkVector citation, float score)
    {
        if (!best.TryGetValue(chunkId, out var known) || score > known.Item2)
        {
            best[chunkId] = (citation, score);
        }
    }

    /// <summary>
    /// Opens the table (a writer makes it, and lets go of any graphs an older DocShelf kept of these vectors) and gives
    /// the last key it covers: the keys past it are read from the store until the writer's next save adds them.
    /// </summary>
    private long OpenTable()
    {
        var writable = !database.IsReadOnly;
        table = GroupTable.Open(GraphFolderPath, writable);
        if (writable)
        {
            GraphFolder.DeleteGraphs(GraphFolderPath);
        }

        return Math.Min(table?.CoveredKey ?? 0, rows?.LastKey ?? 0);
    }

    /// <summary>Adds the keys of the rows past the table's last to it, each under its chunk, reading their ids from the rows.</summary>
    private void FillTable(CancellationToken cancellationToken)
    {
        var (rowsNow, tableNow) = (rows!, table!);
        var rowBytes = new byte[VectorCodec.ByteCount(dimensions, StoredEncoding)];
        for (var start = tableNow.CoveredKey + 1; start <= rowsNow.LastKey; start += buildBlock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var last = Math.Min(rowsNow.LastKey, start + buildBlock - 1);
            var keys = new List<(long Key, string Group)>();
            for (var key = start; key <= last; key++)
            {
                if (ReadSaved(rowsNow, key, rowBytes) is var (citation, _) && SentenceKey.IsSentence(citation.ChunkId))
                {
                    keys.Add((key, SentenceKey.ChunkOf(citation.ChunkId)));
                }
            }

            tableNow.Add(keys, last);
        }
    }
}
