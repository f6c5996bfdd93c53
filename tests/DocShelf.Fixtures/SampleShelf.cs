using DocShelf.Fixtures.Writers;
using DocShelf.Rendering;
using SkiaSharp;

namespace DocShelf.Fixtures;

/// <summary>
/// The demo shelf in sample-docs/: born-digital PDFs, a scanned multi-page PDF, a mixed PDF whose third page is a
/// scan, PNG, JPEG and multi-page TIFF scans, a text file and a Markdown file.
/// </summary>
public static class SampleShelf
{
    public static IReadOnlyList<string> Generate(string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Add(string name, Action<string> write)
        {
            var path = Path.Combine(folder, name);
            write(path);
            written.Add(path);
        }

        Add("harbour-commission-report-1894.pdf", p => TextPdf(p, "harbour-commission-report.txt", "Report of the Harbour Commission"));
        Add("river-wend-survey-letters-1902.pdf", p => TextPdf(p, "river-survey-letters.txt", "Letters on the Survey of the River Wend"));
        Add("orchard-society-newsletter.pdf", p => TextPdf(p, "orchard-society-newsletter.txt", "Orchard Society Newsletter"));
        Add("council-minutes-1911-scan.pdf", p => PdfWriter.Write(p, Scans("council-minutes-1911.txt", seed: 10).Select(PdfPage.Scanned), "Council minutes 1911"));
        Add("mill-accounts-1900-1905.pdf", p => MixedPdf(p, "mill-accounts.txt", scannedPage: 3));
        Add("lighthouse-keeper-log-1887.png", p => ImageWriter.WritePng(p, Scans("lighthouse-keeper-log.txt", seed: 20)[0]));
        Add("ferry-notice-1908.jpg", p => ImageWriter.WriteJpeg(p, Scans("ferry-notice.txt", seed: 30)[0]));
        Add("parish-register-notes.tiff", p => TiffWriter.Write(p, Scans("parish-register-notes.txt", seed: 40)));
        Add("reading-room-rules.txt", p => File.Copy(Path.Combine(SampleTexts.Folder, "reading-room-rules.txt"), p, overwrite: true));
        Add("cataloguing-guide.md", p => File.Copy(Path.Combine(SampleTexts.Folder, "cataloguing-guide.md"), p, overwrite: true));
        return written;
    }

    /// <summary>A PDF whose pages are all text except <paramref name="scannedPage"/>, which is only an image.</summary>
    public static void MixedPdf(string path, string textName, int scannedPage)
    {
        var pages = SampleTexts.Pages(textName)
            .Select((text, i) => i + 1 == scannedPage ? PdfPage.Scanned(PageRasteriser.Render(text, ScanStyle.Office(i))) : PdfPage.WithText(text));
        PdfWriter.Write(path, pages, "Mill accounts");
    }

    private static void TextPdf(string path, string textName, string title) =>
        PdfWriter.Write(path, SampleTexts.Pages(textName).Select(PdfPage.WithText), title);

    private static List<SKBitmap> Scans(string textName, int seed) =>
        SampleTexts.Pages(textName).Select((text, i) => PageRasteriser.Render(text, ScanStyle.Office(seed + i))).ToList();
}
