using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>The typeface rendered pages are set in: Debian's DejaVu Serif (package fonts-dejavu-core), found by path so no font service is needed.</summary>
public static class Fonts
{
    private const string SerifPath = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";

    private static readonly Lazy<SKTypeface> SerifTypeface = new(() =>
        SKTypeface.FromFile(SerifPath) ?? throw new FileNotFoundException($"Font not found: {SerifPath} (apt-get install fonts-dejavu-core)", SerifPath));

    public static SKTypeface Serif => SerifTypeface.Value;
}
