using System.Runtime.InteropServices;
using DocShelf.Core.Documents;
using DocShelf.Ocr.Imaging;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// One Tesseract recognition engine, set up as the <c>tesseract</c> command sets itself up: automatic page
/// segmentation, so columns come back block by block in reading order, not line by line across the page.
/// </summary>
internal sealed class TextRecogniser : IDisposable
{
    private IntPtr handle;

    public TextRecogniser(string languages, string? dataPath)
    {
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
        TesseractNative.TessBaseAPISetPageSegMode(handle, TesseractNative.PageSegmentationAuto);
    }

    /// <summary>Reads the words of <paramref name="image"/>, with boxes in its own pixels.</summary>
    public PageContent Read(RasterImage image, int resolution, int pageNumber)
    {
        ObjectDisposedException.ThrowIf(handle == IntPtr.Zero, this);
        TesseractNative.TessBaseAPISetImage2(handle, image.Handle);
        TesseractNative.TessBaseAPISetSourceResolution(handle, resolution);
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
