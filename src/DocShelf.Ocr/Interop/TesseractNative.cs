using System.Runtime.InteropServices;

namespace DocShelf.Ocr.Interop;

/// <summary>The parts of Tesseract's C API (libtesseract.so.5) that DocShelf calls.</summary>
internal static partial class TesseractNative
{
    private const string Library = "libtesseract.so.5";

    /// <summary>PSM_AUTO: the layout analysis the tesseract command runs by default; the C API's default is a single block.</summary>
    public const int PageSegmentationAuto = 3;

    static TesseractNative() => NativeEnvironment.PrepareForTesseract();

    [LibraryImport(Library)]
    public static partial IntPtr TessVersion();

    [LibraryImport(Library)]
    public static partial IntPtr TessBaseAPICreate();

    [LibraryImport(Library)]
    public static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIEnd(IntPtr handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(IntPtr handle, string? dataPath, string language);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(IntPtr handle, string name, string value);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetImage2(IntPtr handle, IntPtr pix);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetSourceResolution(IntPtr handle, int ppi);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetPageSegMode(IntPtr handle, int mode);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIDetectOrientationScript(
        IntPtr handle, out int orientationDegrees, out float orientationConfidence, out IntPtr scriptName, out float scriptConfidence);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIRecognize(IntPtr handle, IntPtr monitor);

    [LibraryImport(Library)]
    public static partial IntPtr TessMonitorCreate();

    [LibraryImport(Library)]
    public static partial void TessMonitorDelete(IntPtr monitor);

    /// <summary>Tesseract asks the function, with the monitor's cancel_this, after each word; a non-zero answer stops it.</summary>
    [LibraryImport(Library)]
    public static unsafe partial void TessMonitorSetCancelFunc(IntPtr monitor, delegate* unmanaged<IntPtr, int, byte> cancel);

    [LibraryImport(Library)]
    public static partial void TessMonitorSetCancelThis(IntPtr monitor, IntPtr cancelThis);

    [LibraryImport(Library)]
    public static partial IntPtr TessBaseAPIGetTsvText(IntPtr handle, int pageNumber);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIClear(IntPtr handle);

    [LibraryImport(Library)]
    public static partial IntPtr TessBaseAPIGetAvailableLanguagesAsVector(IntPtr handle);

    [LibraryImport(Library)]
    public static partial void TessDeleteText(IntPtr text);

    [LibraryImport(Library)]
    public static partial void TessDeleteTextArray(IntPtr array);
}
