using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Extraction;
using DocShelf.Ingestion.Readers;

namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Reads a PDF: each page's text layer where it is real text, and the rest marked for OCR from the page's image.
/// Opens an encrypted PDF with the configured passwords. Office documents are read through it once laid out as PDF.
/// </summary>
public sealed class PdfDocumentReader(IngestionOptions options) : IDocumentReader
{
    private readonly PageLimits limits = new(options);

    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Pdf];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var (info, pdf) = await PdfInfoReader.OpenAsync(file.Path, options.PdfPasswords, options.ToolLimits, cancellationToken);
        limits.CheckPageCount(info.PageCount);
        var layer = await PdfTextLayerReader.ReadAsync(pdf, info, file.WorkDirectory, options.ToolLimits, cancellationToken);
        var coverage = await PdfImageCoverage.ReadAsync(pdf, info, options.ToolLimits, cancellationToken);
        var pages = new List<PageContent?>(info.PageCount);
        var toRecognise = new List<PageImage>();
        for (var number = 1; number <= info.PageCount; number++)
        {
            var page = number <= layer.Count ? layer[number - 1] : new PageContent { Number = number, Source = PageSource.TextLayer, Text = "" };
            if (!TextLayerJudge.NeedsOcr(page, coverage.GetValueOrDefault(number)))
            {
                pages.Add(page);
                continue;
            }

            if (number <= info.PageSizes.Count)
            {
                var (width, height) = info.PageSizes[number - 1];
                limits.CheckPixels(number, width / 72 * PdfRasteriser.Resolution, height / 72 * PdfRasteriser.Resolution);
            }

            pages.Add(null);
            toRecognise.Add(new PageImage(number, PageImageOrigin.PdfPage, file.Path));
        }

        return new DocumentReading
        {
            Pages = pages,
            PagesToRecognise = toRecognise,
            Properties = new DocumentProperties(info.Title, info.Author),
            Drawing = new PageDrawing(FileKind.Pdf, file.Path, pdf.Password),
        };
    }
}
