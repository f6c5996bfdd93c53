using System.Globalization;
using DocShelf.Fixtures.Writers;
using DocShelf.Rendering;

namespace DocShelf.Fixtures.Benchmarks;

/// <summary>Bigger shelves for the benchmarks, built from the sample prose.</summary>
public static class BenchmarkShelves
{
    /// <summary>Scanned-looking single-page PNGs, cycling through the sample pages.</summary>
    public static IReadOnlyList<string> Scans(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var pages = SampleTexts.AllPages();
        return Enumerable.Range(0, count).AsParallel().AsOrdered().Select(i =>
        {
            var path = Path.Combine(folder, $"scan-{i + 1:000}.png");
            using var image = PageRasteriser.Render(pages[i % pages.Count], ScanStyle.Office(100 + i));
            ImageWriter.WritePng(path, image);
            return path;
        }).ToList();
    }

    public static IReadOnlyList<string> BornDigital(string folder, int pageCount)
    {
        Directory.CreateDirectory(folder);
        var pages = SampleTexts.AllPages();
        var path = Path.Combine(folder, $"born-digital-{pageCount}-pages.pdf");
        PdfWriter.Write(path, Enumerable.Range(0, pageCount).Select(i => PdfPage.WithText(pages[i % pages.Count])), "Benchmark");
        return [path];
    }

    /// <summary>
    /// Born-digital papers of <paramref name="pagesEach"/> pages in two columns, a real text layer on each, the sample
    /// prose cycled so that no two pages are alike.
    /// </summary>
    public static IReadOnlyList<string> Papers(string folder, int count, int pagesEach)
    {
        var pages = SampleTexts.AllPages();
        return Papers(folder, count, pagesEach, first => string.Join(" ", Enumerable.Range(0, 3).Select(i => pages[(first + (i * 7)) % pages.Count])));
    }

    /// <summary>Two-column papers whose page number <c>n</c> of the whole set (from 0) holds <paramref name="pageText"/>(n).</summary>
    public static IReadOnlyList<string> Papers(string folder, int count, int pagesEach, Func<int, string> pageText)
    {
        Directory.CreateDirectory(folder);
        return Enumerable.Range(0, count).Select(paper =>
        {
            var path = Path.Combine(folder, $"paper-{paper + 1:000}.pdf");
            var laid = Enumerable.Range(0, pagesEach).Select(page =>
            {
                var text = pageText((paper * pagesEach) + page);
                return (PdfPage)new ColumnPdfPage(PdfWriter.LayColumns(text, 2));
            });
            PdfWriter.Write(path, laid, $"Paper {paper + 1}");
            return path;
        }).ToList();
    }

    /// <summary>Text files of shuffled sample sentences: many distinct chunks without OCR time.</summary>
    /// <param name="pagesPerFile">Pages in each file; each page holds eight sentences, about 1.6 chunks.</param>
    public static IReadOnlyList<string> TextShelf(string folder, int fileCount, int pagesPerFile = 10)
    {
        Directory.CreateDirectory(folder);
        var sentences = SampleTexts.AllPages()
            .SelectMany(p => p.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        // The seed follows the length, so files of different lengths in one shelf do not begin alike.
        var random = new Random(pagesPerFile == 10 ? 7 : 7 + pagesPerFile);
        var written = new List<string>();
        for (var file = 0; file < fileCount; file++)
        {
            var pages = Enumerable.Range(0, pagesPerFile).Select(_ => string.Join(". ", Enumerable.Range(0, 8).Select(_ => sentences[random.Next(sentences.Length)])) + ".");
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"notes-{file + 1:00000}.txt"));
            File.WriteAllText(path, string.Join("\f", pages));
            written.Add(path);
        }

        return written;
    }
}
