using System.Runtime.InteropServices;

namespace DocShelf.Ocr.Interop;

/// <summary>
/// Keeps the C allocator's large blocks for reuse. A 300-dpi page is 8 to 33 MB of pixels in Leptonica and
/// Tesseract, and glibc by default maps each block that size afresh from the kernel and unmaps it when freed, so
/// every page read faulted in all its buffers again, each first write also flushing the other cores' address caches.
/// Kept in the heap, the next page reuses them: 24 scans ingested in 11.1 to 11.7 s instead of 13.2 to 15.0 s on two
/// cores, for some 100 MB more resident memory at the peak (docs/benchmarks.md (a)).
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>glibc's mallopt parameters (malloc.h).</summary>
    private const int TrimThreshold = -1;
    private const int MapThreshold = -3;

    /// <summary>Blocks up to this size come from the heap; glibc allows no more.</summary>
    private const int LargestHeapBlock = 32 << 20;

    /// <summary>Free room at the heap's top kept rather than given back: a few pages' buffers.</summary>
    private const int KeptFreeRoom = 256 << 20;

    private static int prepared;

    /// <summary>Sets the allocator once per process; a C library without glibc's mallopt is left as it is.</summary>
    public static void KeepPageBuffers()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref prepared, 1) == 1)
        {
            return;
        }

        try
        {
            _ = mallopt(MapThreshold, LargestHeapBlock);
            _ = mallopt(TrimThreshold, KeptFreeRoom);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc: its allocator keeps its own defaults.
        }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int parameter, int value);
}
