using System.Runtime.InteropServices;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Tesseract;

public static class TesseractLanguages
{
    /// <summary>The orientation data's name: a helper for turning pages upright, not a language.</summary>
    public const string OrientationData = "osd";

    /// <summary>The OCR languages whose traineddata Tesseract can find.</summary>
    public static IReadOnlyList<string> Installed(string? dataPath = null) =>
        Available(dataPath).Where(language => language != OrientationData).ToList();

    /// <summary>Whether osd.traineddata is there, which turning sideways and upside-down pages needs.</summary>
    public static bool HasOrientationData(string? dataPath = null) => Available(dataPath).Contains(OrientationData);

    /// <summary>Languages in a "eng+deu" setting that are not installed.</summary>
    public static IReadOnlyList<string> Missing(string languages, string? dataPath = null)
    {
        var installed = Installed(dataPath);
        return languages.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(language => !installed.Contains(language))
            .ToList();
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
