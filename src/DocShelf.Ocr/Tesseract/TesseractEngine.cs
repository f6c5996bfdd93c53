using System.Runtime.InteropServices;
using DocShelf.Core.Documents;
using DocShelf.Ocr.Imaging;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// One in-process Tesseract instance. Not thread-safe: a <see cref="TesseractEnginePool"/> gives each
/// worker its own.
/// </summary>
public sealed class TesseractEngine : IDisposable
{
    /// <summary>Assumed when an image does not record its resolution; scans are almost always 300 dpi.</summary>
    private const int DefaultResolution = 300;

    private IntPtr handle;

    public TesseractEngine(string languages, string? dataPath = null)
    {
        Languages = languages;
        handle = TesseractNative.TessBaseAPICreate();
        if (TesseractNative.TessBaseAPIInit3(handle, dataPath, languages) != 0)
        {
            Dispose();
            throw new InvalidOperationException(
                $"Tesseract could not load the OCR language(s) '{languages}'. Installed: {string.Join(", ", TesseractLanguages.Installed(dataPath))}. " +
                "Install a language with: apt-get install tesseract-ocr-<code>");
        }

        // Tesseract writes its warnings to stderr; DocShelf reports problems itself.
        _ = TesseractNative.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    }

    public string Languages { get; }

    public static string Version => Marshal.PtrToStringUTF8(TesseractNative.TessVersion()) ?? "unknown";

    public PageContent Recognise(string imagePath, int frame, int pageNumber)
    {
        ObjectDisposedException.ThrowIf(handle == IntPtr.Zero, this);
        using var image = RasterImage.Open(imagePath, frame);
        TesseractNative.TessBaseAPISetImage2(handle, image.Handle);
        TesseractNative.TessBaseAPISetSourceResolution(handle, image.Resolution > 1 ? image.Resolution : DefaultResolution);
        try
        {
            if (TesseractNative.TessBaseAPIRecognize(handle, IntPtr.Zero) != 0)
            {
                throw new InvalidOperationException($"Tesseract failed to recognise page {pageNumber}");
            }

            return TsvPageReader.Read(ReadTsv(), pageNumber, image.Width, image.Height);
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(handle);
        }
    }

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

    private string ReadTsv()
    {
        var text = TesseractNative.TessBaseAPIGetTsvText(handle, 0);
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            TesseractNative.TessDeleteText(text);
        }
    }
}
