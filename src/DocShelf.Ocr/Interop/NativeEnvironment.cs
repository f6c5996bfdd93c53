using System.Runtime.InteropServices;

namespace DocShelf.Ocr.Interop;

/// <summary>
/// Sets native environment variables that libraries read when they load. .NET's own
/// Environment.SetEnvironmentVariable does not reach the C runtime's environment, so libc is called.
/// </summary>
internal static partial class NativeEnvironment
{
    private static int prepared;

    /// <summary>
    /// Debian's libtesseract is built with OpenMP; on a small machine its threads fight each other and
    /// a page takes several times longer. DocShelf runs one page per core instead, so OpenMP gets one thread.
    /// Must run before libtesseract is loaded. The C allocator is set to keep page buffers (<see cref="NativeHeap"/>).
    /// </summary>
    public static void PrepareForTesseract()
    {
        if (Interlocked.Exchange(ref prepared, 1) == 1)
        {
            return;
        }

        _ = setenv("OMP_THREAD_LIMIT", "1", 1);
        Environment.SetEnvironmentVariable("OMP_THREAD_LIMIT", "1");
        NativeHeap.KeepPageBuffers();
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
