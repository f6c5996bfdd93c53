using System.Runtime.InteropServices;
using DocShelf.Ocr.Interop;

namespace DocShelf.Ocr.Tesseract;

public static class TesseractLanguages
{
    /// <summary>The OCR languages whose traineddata Tesseract can find (osd is a helper, not a language).</summary>
    public static IReadOnlyList<string> Installed(string? dataPath = null)
    {
        var handle = TesseractNative.TessBaseAPICreate();
        try
        {
            // Tesseract lists languages only after a successful init; osd ships with every install.
            if (TesseractNative.TessBaseAPIInit3(handle, dataPath, "osd") != 0)
            {
                return [];
            }

            return ReadStringArray(TesseractNative.TessBaseAPIGetAvailableLanguagesAsVector(handle))
                .Where(language => language != "osd")
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        finally
        {
            TesseractNative.TessBaseAPIEnd(handle);
            TesseractNative.TessBaseAPIDelete(handle);
        }
    }

    /// <summary>Languages in a "eng+deu" setting that are not installed.</summary>
    public static IReadOnlyList<string> Missing(string languages, string? dataPath = null)
    {
        var installed = Installed(dataPath);
        return languages.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(language => !installed.Contains(language))
            .ToList();
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
