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
    private readonly TesseractHandle api;

    public TextRecogniser(string languages, string? dataPath)
    {
        api = TesseractHandle.Open(dataPath, languages) ?? throw new InvalidOperationException(
            $"Tesseract could not load the OCR language(s) '{languages}'. Installed: {string.Join(", ", TesseractLanguages.Find(dataPath).Languages)}. " +
            "Install a language with: apt-get install tesseract-ocr-<code>");
        TesseractNative.TessBaseAPISetPageSegMode(api.Value, TesseractNative.PageSegmentationAuto);
    }

    /// <summary>Reads the words of <paramref name="image"/>, with boxes in its own pixels; cancelling stops it between words.</summary>
    public PageContent Read(RasterImage image, int resolution, int pageNumber, CancellationToken cancellationToken)
    {
        TesseractNative.TessBaseAPISetImage2(api.Value, image.Handle);
        TesseractNative.TessBaseAPISetSourceResolution(api.Value, resolution);
        var monitor = TesseractNative.TessMonitorCreate();
        var token = GCHandle.Alloc(cancellationToken);
        try
        {
            Watch(monitor, token);
            if (TesseractNative.TessBaseAPIRecognize(api.Value, monitor) != 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException($"Tesseract failed to recognise page {pageNumber}");
            }

            return TsvPageReader.Read(ReadTsv(), pageNumber, image.Width, image.Height);
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(api.Value);
            TesseractNative.TessMonitorDelete(monitor);
            token.Free();
        }
    }

    public void Dispose() => api.Dispose();

    private static unsafe void Watch(IntPtr monitor, GCHandle token)
    {
        TesseractNative.TessMonitorSetCancelFunc(monitor, &IsCancelled);
        TesseractNative.TessMonitorSetCancelThis(monitor, GCHandle.ToIntPtr(token));
    }

    [UnmanagedCallersOnly]
    private static byte IsCancelled(IntPtr token, int words) =>
        ((CancellationToken)GCHandle.FromIntPtr(token).Target!).IsCancellationRequested ? (byte)1 : (byte)0;

    private string ReadTsv()
    {
        var text = TesseractNative.TessBaseAPIGetTsvText(api.Value, 0);
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
