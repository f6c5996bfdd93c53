using System.Runtime.InteropServices;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// The parts of USearch's C library (libusearch_c, shipped in the Cloud.Unum.USearch package) that DocShelf calls.
/// The package's managed wrapper keeps its handle private and omits what an index on disk needs here: reserving room
/// once for adds from several threads, widening a search, and room for many searches at once, so the few calls used
/// are bound directly.
/// </summary>
internal static partial class UsearchNative
{
    private const string Library = "libusearch_c";

    /// <summary>usearch_metric_cos_k: the distance is 1 − the cosine similarity.</summary>
    public const int MetricCosine = 1;

    /// <summary>usearch_scalar_f32_k: vectors are handed over as float.</summary>
    public const int ScalarFloat32 = 1;

    /// <summary>usearch_scalar_i8_k: vectors are kept as signed bytes, scaled to the unit sphere.</summary>
    public const int ScalarInt8 = 4;

    [LibraryImport(Library)]
    public static partial GraphHandle usearch_init(ref InitOptions options, out IntPtr error);

    [LibraryImport(Library)]
    public static partial void usearch_free(IntPtr index, out IntPtr error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void usearch_save(GraphHandle index, string path, out IntPtr error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void usearch_load(GraphHandle index, string path, out IntPtr error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void usearch_view(GraphHandle index, string path, out IntPtr error);

    [LibraryImport(Library)]
    public static partial nuint usearch_size(GraphHandle index, out IntPtr error);

    [LibraryImport(Library)]
    public static partial nuint usearch_capacity(GraphHandle index, out IntPtr error);

    [LibraryImport(Library)]
    public static partial nuint usearch_dimensions(GraphHandle index, out IntPtr error);

    [LibraryImport(Library)]
    public static partial void usearch_reserve(GraphHandle index, nuint capacity, out IntPtr error);

    [LibraryImport(Library)]
    public static unsafe partial void usearch_add(GraphHandle index, ulong key, float* vector, int vectorKind, out IntPtr error);

    [LibraryImport(Library)]
    public static unsafe partial nuint usearch_search(
        GraphHandle index, float* query, int queryKind, nuint count, ulong* keys, float* distances, out IntPtr error);

    [LibraryImport(Library)]
    public static partial void usearch_change_expansion_search(GraphHandle index, nuint expansion, out IntPtr error);

    [LibraryImport(Library)]
    public static partial void usearch_change_threads_search(GraphHandle index, nuint threads, out IntPtr error);

    /// <summary>usearch_init_options_t, field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public int MetricKind;
        public IntPtr Metric;
        public int Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    /// <summary>Throws when a call reported an error; USearch's message is kept.</summary>
    public static void Check(IntPtr error, string doing)
    {
        if (error != IntPtr.Zero)
        {
            throw new VectorGraphException($"The vector index could not {doing}: {Marshal.PtrToStringUTF8(error)}.");
        }
    }
}
