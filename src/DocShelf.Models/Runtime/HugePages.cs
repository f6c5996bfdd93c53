using System.Runtime.InteropServices;

namespace DocShelf.Models.Runtime;

/// <summary>
/// Asks Linux to back a large pinned array with 2 MB pages. Reading 90 MB into fresh memory otherwise takes a page
/// fault for every 4 KB, which on a virtual machine cost 0.29 s of the built-in model's opening, and 0.02 to 0.2 s with
/// the larger pages (docs/benchmarks.md (t)). Only a hint: where the kernel has them off, nothing changes.
/// </summary>
public static partial class HugePages
{
    private const int Size = 2 << 20;
    private const int AdviseHugePages = 14; // MADV_HUGEPAGE

    /// <summary>Advises the 2 MB pages wholly inside <paramref name="pinned"/>, before anything is written to it.</summary>
    public static void Advise(byte[] pinned)
    {
        if (!OperatingSystem.IsLinux() || pinned.Length < 2 * Size)
        {
            return;
        }

        var start = Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
        var first = (start + Size - 1) & ~(nint)(Size - 1);
        var end = (start + pinned.Length) & ~(nint)(Size - 1);
        _ = madvise(first, (nuint)(end - first), AdviseHugePages);
    }

    [LibraryImport("libc")]
    private static partial int madvise(nint address, nuint length, int advice);
}
