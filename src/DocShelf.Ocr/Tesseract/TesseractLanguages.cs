using System.Runtime.InteropServices;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Tesseract;

public static class TesseractLanguages
{
    /// <summary>The orientation data's name: a helper for turning pages upright, not a language.</summary>
    public const string OrientationData = "osd";

    /// <summary>
    /// The OCR languages and orientation data Tesseract can find, read with one initialisation of Tesseract, which
    /// takes some 60 ms: `ingest` and `serve` check both before they start.
    /// </summary>
    public static InstalledLanguages Find(string? dataPath = null)
    {
        var available = Available(dataPath);
        return new InstalledLanguages([.. available.Where(language => language != OrientationData)], available.Contains(OrientationData));
    }

    /// <summary>Every traineddata Tesseract can find, osd included.</summary>
    private static List<string> Available(string? dataPath)
    {
        // Tesseract lists what it has only after a successful init, so one file it has must be named.
        using var api = TesseractHandle.Open(dataPath, OrientationData) ?? TesseractHandle.Open(dataPath, "eng");
        return api is null
            ? []
            : [.. ReadStringArray(TesseractNative.TessBaseAPIGetAvailableLanguagesAsVector(api.Value)).Order(StringComparer.Ordinal)];
    }

    private static List<string> ReadStringArray(IntPtr array)
    {
        var values = new List<string>();
        if (array == IntPtr.Zero)
        {
            return values;
        }

        for (var i = 0; ; i++)
        {
            var item = Marshal.ReadIntPtr(array, i * IntPtr.Size);
            if (item == IntPtr.Zero)
            {
                break;
            }

            values.Add(Marshal.PtrToStringUTF8(item) ?? "");
        }

        TesseractNative.TessDeleteTextArray(array);
        return values;
    }
}
