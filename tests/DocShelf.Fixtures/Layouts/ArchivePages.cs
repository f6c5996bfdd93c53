using DocShelf.Rendering;

namespace DocShelf.Fixtures.Layouts;

/// <summary>
/// Full 300-dpi pages of the sample prose laid out as archives hold them: one to three columns under a headline,
/// upright, turned a quarter or half turn, or skewed, each with the text it holds in reading order.
/// </summary>
public static class ArchivePages
{
    private static readonly Lazy<IReadOnlyList<string>> Paragraphs = new(() =>
        SampleTexts.AllPages().SelectMany(TextLayout.Paragraphs).ToList());

    /// <summary>Renders one page; <paramref name="seed"/> picks where in the prose it starts and its specks.</summary>
    public static RenderedPage Render(ArchivePageKind kind, int seed)
    {
        var paragraphs = Paragraphs.Value;
        var start = seed * 5 % paragraphs.Count;
        var prose = string.Join("\n\n", Enumerable.Range(start, paragraphs.Count).Select(i => paragraphs[i % paragraphs.Count]));
        if (kind.Words is { } words)
        {
            prose = string.Join(' ', prose.Split(' ').Take(words));
        }

        var style = new ScanStyle(kind.SkewDegrees, 0.001, seed, kind.TurnDegrees);
        var fontPoints = kind.Columns == 1 ? 11 : 10;
        return ColumnRasteriser.Render(Headline(seed), prose, kind.Columns, style, fontPoints);
    }

    /// <summary>A scan worth redoing: small print under heavy specks, which Tesseract reads with low confidence.</summary>
    public static RenderedPage PoorScan(int seed)
    {
        var text = SampleTexts.Pages("ferry-notice.txt")[0];
        return new RenderedPage(PageRasteriser.Render(text, new ScanStyle(0, 0.05, seed), fontPoints: 6), text);
    }

    /// <summary>Renders <paramref name="kind"/> and writes it as a PNG; returns the text it holds.</summary>
    public static string WritePng(ArchivePageKind kind, int seed, string path)
    {
        using var page = Render(kind, seed);
        ImageWriter.WritePng(path, page.Image);
        return page.Text;
    }

    /// <summary>
    /// Writes <paramref name="count"/> pages cycling through every kind: PNGs in <c>pages/</c> under
    /// <paramref name="folder"/>, and the text of each in <c>truth/</c> under the same name with .txt.
    /// </summary>
    public static IReadOnlyList<string> WriteMixed(string folder, int count)
    {
        Directory.CreateDirectory(Path.Combine(folder, "pages"));
        Directory.CreateDirectory(Path.Combine(folder, "truth"));
        return Enumerable.Range(0, count).AsParallel().AsOrdered().Select(i =>
        {
            var kind = ArchivePageKind.All[i % ArchivePageKind.All.Count];
            var name = $"page-{i + 1:000}-{kind.Name}";
            var path = Path.Combine(folder, "pages", name + ".png");
            using var page = Render(kind, i);
            ImageWriter.WritePng(path, page.Image);
            File.WriteAllText(TruthOf(path), page.Text);
            return path;
        }).ToList();
    }

    /// <summary>Where <see cref="WriteMixed"/> put the text of the page image at <paramref name="imagePath"/>.</summary>
    public static string TruthOf(string imagePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(imagePath))!, "truth", Path.GetFileNameWithoutExtension(imagePath) + ".txt");

    /// <summary>The kind of a page <see cref="WriteMixed"/> wrote, read back from its name.</summary>
    public static ArchivePageKind KindOf(string imagePath) =>
        ArchivePageKind.All.Single(kind => Path.GetFileNameWithoutExtension(imagePath).EndsWith(kind.Name, StringComparison.Ordinal));

    private static string Headline(int seed)
    {
        string[] headlines =
        [
            "The Eastwick Gazette and Harbour Record",
            "Transactions of the Orchard Society",
            "Notes from the Parish and the Mill",
            "The River Wend Survey Quarterly",
        ];
        return headlines[seed % headlines.Length];
    }
}
