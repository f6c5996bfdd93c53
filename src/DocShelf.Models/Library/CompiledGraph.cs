using System.Security.Cryptography;
using DocShelf.Models.Runtime;

namespace DocShelf.Models.Library;

/// <summary>A graph <see cref="CompiledGraphs"/> saved, and the sha256 its name gives it.</summary>
public sealed record CompiledGraph(string Path, string Sha256)
{
    /// <summary>
    /// The graph's bytes in an array the collector never moves: a session opened in place keeps pointing into it.
    /// </summary>
    public byte[] ReadPinned()
    {
        using var file = File.OpenHandle(Path);
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)RandomAccess.GetLength(file)), pinned: true);
        HugePages.Advise(bytes);
        var read = 0;
        while (read < bytes.Length)
        {
            var count = RandomAccess.Read(file, bytes.AsSpan(read), read);
            read += count > 0 ? count : throw new EndOfStreamException($"{Path} grew shorter while it was read.");
        }

        return bytes;
    }

    /// <summary>Whether <paramref name="bytes"/> are the graph as saved.</summary>
    public bool Holds(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes)) == Sha256;
}
