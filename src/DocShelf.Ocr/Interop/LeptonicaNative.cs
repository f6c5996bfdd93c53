using System.Runtime.InteropServices;

namespace DocShelf.Ocr.Interop;

/// <summary>The parts of Leptonica (liblept.so.5, Tesseract's image library) that DocShelf calls.</summary>
internal static partial class LeptonicaNative
{
    private const string Library = "liblept.so.5";

    /// <summary>L_ROTATE_AREA_MAP: the best-looking rotation for greyscale, and the one pixDeskew uses.</summary>
    public const int RotateAreaMap = 1;

    /// <summary>L_BRING_IN_WHITE: corners uncovered by a rotation are paper-white.</summary>
    public const int BringInWhite = 1;

    /// <summary>Leptonica's L_SEVERITY_NONE: DocShelf reports failures itself, in one line per file.</summary>
    private const int SeverityNone = 6;

    static LeptonicaNative()
    {
        NativeEnvironment.PrepareForTesseract();
        _ = setMsgSeverity(SeverityNone);
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr pixRead(string fileName);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr pixReadTiff(string fileName, int frame);

    [LibraryImport(Library)]
    public static partial void pixDestroy(ref IntPtr pix);

    [LibraryImport(Library)]
    public static partial IntPtr pixScale(IntPtr pix, float scaleX, float scaleY);

    /// <summary>Turns by <paramref name="quads"/> quarter turns clockwise.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixRotateOrth(IntPtr pix, int quads);

    /// <summary>Rotates about the centre, keeping the size; what pixDeskew does with the angle it finds.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixRotate(IntPtr pix, float radians, int type, int incolor, int width, int height);

    /// <summary>Finds the skew and returns the deskewed image, or a clone when the skew is too small or unsure.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixFindSkewAndDeskew(IntPtr pix, int reduction, out float angle, out float confidence);

    /// <summary>Thresholds any depth to one bit per pixel: darker than <paramref name="threshold"/> (of 255) is ink.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixConvertTo1(IntPtr pix, int threshold);

    /// <summary>Counts the ON (ink) pixels of a one-bit image; a null table makes Leptonica build its own. 0 on success.</summary>
    [LibraryImport(Library)]
    public static partial int pixCountPixels(IntPtr pix, out int count, IntPtr table);

    /// <summary>Halves a one-bit image up to four times; a level of 0 stops the cascade.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixReduceRankBinaryCascade(IntPtr pix, int level1, int level2, int level3, int level4);

    /// <summary>
    /// Leptonica's text orientation test on a one-bit image: ascenders against descenders, upright and turned a
    /// quarter. Positive <paramref name="upConfidence"/> means upright, negative upside down; positive
    /// <paramref name="leftConfidence"/> means the text's tops face left.
    /// </summary>
    [LibraryImport(Library)]
    public static partial int pixOrientDetect(IntPtr pix, out float upConfidence, out float leftConfidence, int minCount, int debug);

    /// <summary>Leptonica's rule for turning the two confidences into an orientation; 0 for the library's defaults.</summary>
    [LibraryImport(Library)]
    public static partial int makeOrientDecision(float upConfidence, float leftConfidence, float minUpConfidence, float minRatio, out int orientation, int debug);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pixWrite(string fileName, IntPtr pix, int format);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pixWriteJpeg(string fileName, IntPtr pix, int quality, int progressive);

    [LibraryImport(Library)]
    public static partial int pixGetDepth(IntPtr pix);

    /// <summary>A colour-mapped image as plain grey or RGB, whichever its map needs; a copy of any other image.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixRemoveColormap(IntPtr pix, int type);

    /// <summary>Any depth as 8-bit grey (a colour image is averaged); <paramref name="keepColormap"/> 0 drops a map.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr pixConvertTo8(IntPtr pix, int keepColormap);

    [LibraryImport(Library)]
    public static partial int pixGetWidth(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetHeight(IntPtr pix);

    [LibraryImport(Library)]
    public static partial int pixGetXRes(IntPtr pix);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pixReadHeader(
        string fileName, out int format, out int width, out int height, out int bitsPerSample, out int samplesPerPixel, out int isColormapped);

    [LibraryImport(Library)]
    public static partial int tiffGetCount(IntPtr file, out int count);

    [LibraryImport(Library)]
    private static partial int setMsgSeverity(int severity);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr fopen(string path, string mode);

    [LibraryImport("libc")]
    public static partial int fclose(IntPtr file);
}
