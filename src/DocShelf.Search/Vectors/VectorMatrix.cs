namespace DocShelf.Search.Vectors;

/// <summary>
/// Vectors in one contiguous array, for exact search: a SIMD cosine similarity per row against the query, and a
/// bounded heap that keeps the best k. Rows hold the vectors as given, so a score here is the one the store's copy
/// gives. Not thread-safe for writes; the collection serialises them.
/// </summary>
public sealed class VectorMatrix(int dimensions)
{
    private float[] rows = new float[dimensions * 64];
    private readonly List<string> keys = [];
    private readonly Dictionary<string, int> rowOf = new(StringComparer.Ordinal);

    public int Dimensions => dimensions;

    public int Count => keys.Count;

    public string KeyAt(int row) => keys[row];

    public bool Contains(string key) => rowOf.ContainsKey(key);

    /// <summary>A copy of <paramref name="key"/>'s vector, as it was given.</summary>
    public float[] VectorOf(string key) => rows.AsSpan(rowOf[key] * dimensions, dimensions).ToArray();

    /// <summary>Adds or replaces the vector for <paramref name="key"/>, kept as given.</summary>
    public void Set(string key, ReadOnlySpan<float> vector)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"A vector of {vector.Length} dimensions cannot join a collection of {dimensions}.", nameof(vector));
        }

        if (!rowOf.TryGetValue(key, out var row))
        {
            row = keys.Count;
            keys.Add(key);
            rowOf[key] = row;
            if ((long)(row + 1) * dimensions > rows.Length)
            {
                // Grown in long arithmetic: doubling past int's range would wrap and throw, so the array stops at .NET's limit.
                Array.Resize(ref rows, (int)Math.Min((long)rows.Length * 2, Array.MaxLength / dimensions * (long)dimensions));
            }
        }

        vector.CopyTo(rows.AsSpan(row * dimensions, dimensions));
    }

    /// <summary>Removes <paramref name="key"/>; the last row moves into its place.</summary>
    public void Remove(string key)
    {
        if (!rowOf.Remove(key, out var row))
        {
            return;
        }

        var last = keys.Count - 1;
        if (row != last)
        {
            rows.AsSpan(last * dimensions, dimensions).CopyTo(rows.AsSpan(row * dimensions, dimensions));
            keys[row] = keys[last];
            rowOf[keys[row]] = row;
        }

        keys.RemoveAt(last);
    }

    /// <summary>The <paramref name="top"/> rows most similar to <paramref name="query"/>, best first, that <paramref name="accept"/> lets through.</summary>
    public List<(int Row, float Score)> Search(ReadOnlySpan<float> query, int top, Func<int, bool>? accept = null)
    {
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the collection holds vectors of {dimensions}.", nameof(query));
        }

        // The worst of the best at the head, to be pushed out; equal scores settled by key as every search settles them.
        var best = new PriorityQueue<int, (float Score, string Key)>(top + 1, Similarity.WorstFirst);
        for (var row = 0; row < keys.Count && top > 0; row++)
        {
            // The same call as every other path re-scores with, so a vector scores alike held here or read from rows or store.
            var score = Similarity.Cosine(query, rows.AsSpan(row * dimensions, dimensions));
            if ((best.Count < top || Similarity.WorstFirst.Compare((score, keys[row]), Worst(best)) > 0) && (accept is null || accept(row)))
            {
                best.Enqueue(row, (score, keys[row]));
                if (best.Count > top)
                {
                    best.Dequeue();
                }
            }
        }

        var results = new List<(int, float)>(best.Count);
        while (best.TryDequeue(out var row, out var priority))
        {
            results.Add((row, priority.Score));
        }

        results.Reverse();
        return results;
    }

    private static (float Score, string Key) Worst(PriorityQueue<int, (float Score, string Key)> queue) =>
        queue.TryPeek(out _, out var worst) ? worst : (float.MinValue, "");
}
