namespace DocShelf.Ocr.Interop;

/// <summary>One TessBaseAPI instance initialised with some traineddata; ended and deleted on dispose.</summary>
internal sealed class TesseractHandle : IDisposable
{
    private IntPtr handle;

    private TesseractHandle(IntPtr handle) => this.handle = handle;

    public IntPtr Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle == IntPtr.Zero, this);
            return handle;
        }
    }

    /// <summary>An instance with <paramref name="data"/> ("eng", "eng+deu", "osd") loaded, or null when Tesseract cannot load it.</summary>
    public static TesseractHandle? Open(string? dataPath, string data)
    {
        var opened = new TesseractHandle(TesseractNative.TessBaseAPICreate());
        if (TesseractNative.TessBaseAPIInit3(opened.handle, dataPath, data) == 0)
        {
            // Tesseract writes its warnings to stderr; DocShelf reports problems itself.
            opened.SetVariable("debug_file", "/dev/null");
            return opened;
        }

        opened.Dispose();
        return null;
    }

    public void SetVariable(string name, string value) => _ = TesseractNative.TessBaseAPISetVariable(Value, name, value);

    public void Dispose()
    {
        if (handle == IntPtr.Zero)
        {
            return;
        }

        TesseractNative.TessBaseAPIEnd(handle);
        TesseractNative.TessBaseAPIDelete(handle);
        handle = IntPtr.Zero;
    }
}
