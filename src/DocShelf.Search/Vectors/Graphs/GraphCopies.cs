using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// The copies a graph keeps apart from its nodes, saved beside it: for each vector whose print (<see cref="VectorPrint"/>)
/// equals a node's, the node's key and the copy's. Two arrays of keys, the nodes in order and the copies beside them,
/// mapped read-only like the graph, so opening reads nothing and a search looks a node up by halving.
/// </summary>
public sealed unsafe class GraphCopies : IDisposable
{
    private const int HeaderSize = 32;
    private static readonly byte[] Magic = "DSCOPY01"u8.ToArray();

    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private readonly long* nodes;
    private readonly long* copies;

    private GraphCopies(MemoryMappedFile file, MemoryMappedViewAccessor view, long count)
    {
        this.file = file;
        this.view = view;
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += view.PointerOffset;
        nodes = (long*)(start + HeaderSize);
        copies = nodes + count;
        Count = count;
    }

    /// <summary>Copies kept apart from the nodes.</summary>
    public long Count { get; }

    /// <summary>Where the copies of the graph saved at <paramref name="graphPath"/> are saved.</summary>
    public static string PathFor(string graphPath) => Path.ChangeExtension(graphPath, ".copies");

    /// <summary>The copies saved at <paramref name="path"/> for a graph of <paramref name="nodes"/> nodes, mapped.</summary>
    /// <exception cref="VectorGraphException">The file is missing, cut short, or was saved with another graph.</exception>
    public static GraphCopies Open(string path, long nodes)
    {
        var header = new byte[HeaderSize];
        long length;
        try
        {
            using var read = File.OpenHandle(path);
            length = RandomAccess.GetLength(read);
            if (RandomAccess.Read(read, header, 0) != HeaderSize)
            {
                throw new VectorGraphException($"The copies of a vector index are cut short: {path}.");
            }
        }
        catch (IOException error)
        {
            throw new VectorGraphException($"The copies of a vector index could not be read: {error.Message}");
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic) || BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8)) != nodes ||
            count < 0 || length != HeaderSize + (count * 2 * sizeof(long)))
        {
            throw new VectorGraphException($"The copies in {path} do not belong to the graph beside them.");
        }

        var mapped = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            return new GraphCopies(mapped, mapped.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), count);
        }
        catch
        {
            mapped.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the copies of a graph of <paramref name="nodes"/> nodes to <paramref name="path"/> whole or not at all,
    /// as a graph is written (<see cref="VectorGraph.SaveWhole"/>).
    /// </summary>
    public static void SaveWhole(string path, long nodes, IEnumerable<(long Node, long Copy)> entries)
    {
        var sorted = entries.OrderBy(e => e.Node).ThenBy(e => e.Copy).ToArray();
        var partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write))
        {
            var header = new byte[HeaderSize];
            Magic.CopyTo(header, 0);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), nodes);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), sorted.Length);
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(sorted.Select(e => e.Node).ToArray().AsSpan()));
            stream.Write(MemoryMarshal.AsBytes(sorted.Select(e => e.Copy).ToArray().AsSpan()));
            stream.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The keys of the copies kept for <paramref name="node"/>, none when it has none.</summary>
    public ReadOnlySpan<long> Of(long node)
    {
        var (low, high) = (0L, Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            (low, high) = nodes[middle] < node ? (middle + 1, high) : (low, middle);
        }

        var end = low;
        while (end < Count && nodes[end] == node)
        {
            end++;
        }

        return new ReadOnlySpan<long>(copies + low, (int)(end - low));
    }

    /// <summary>Every copy with its node, as a graph that grows keeps them.</summary>
    public List<(long Node, long Copy)> All()
    {
        var all = new List<(long, long)>((int)Count);
        for (var i = 0L; i < Count; i++)
        {
            all.Add((nodes[i], copies[i]));
        }

        return all;
    }

    public void Dispose()
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        file.Dispose();
    }
}
