using Microsoft.Win32.SafeHandles;

namespace DocShelf.Search.Vectors.Graphs;

/// <summary>
/// A USearch index handle. Each native call holds a reference to it, so disposing a graph while a search on another
/// thread is still inside it frees the index only once that search returns.
/// </summary>
internal sealed class GraphHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public GraphHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        UsearchNative.usearch_free(handle, out var error);
        return error == IntPtr.Zero;
    }
}
