using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Extraction;
using DocShelf.Ingestion.Pdf;
using DocShelf.Ocr.Imaging;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// Lays out the file's pages: text it can take as it is (a good PDF text layer, a text file), and the
/// pages that must go to OCR, with where their images come from.
/// </summary>
public sealed class ExtractStep(IngestionOptions options) : IIngestionStep
{
    public string Name => "extract";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        switch (context.Kind)
        {
            case FileKind.Pdf:
                await ExtractPdfAsync(context, cancellationToken);
                break;
            case FileKind.Png or FileKind.Jpeg:
                AddImageFrames(context, frames: 1);
                break;
            case FileKind.Tiff:
                AddImageFrames(context, ImageProbe.CountTiffFrames(context.ReadPath));
                break;
            case FileKind.PlainText or FileKind.Markdown:
                context.Pages.AddRange(await PlainTextReader.ReadAsync(context.ReadPath, cancellationToken));
                break;
            default:
                throw new UnreadableFileException($"no reader for {context.Kind.ToName()} files");
        }
    }

    private async Task ExtractPdfAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var (info, pdf) = await PdfInfoReader.OpenAsync(context.ReadPath, options.PdfPasswords, options.ToolLimits, cancellationToken);
        context.PdfPassword = pdf.Password;
        CheckPageCount(info.PageCount);
        var layer = await PdfTextLayerReader.ReadAsync(pdf, info, context.WorkDirectory, options.ToolLimits, cancellationToken);
        var coverage = await PdfImageCoverage.ReadAsync(pdf, info, options.ToolLimits, cancellationToken);
        for (var number = 1; number <= info.PageCount; number++)
        {
            var page = number <= layer.Count ? layer[number - 1] : new PageContent { Number = number, Source = PageSource.TextLayer, Text = "" };
            if (!TextLayerJudge.NeedsOcr(page, coverage.GetValueOrDefault(number)))
            {
                context.Pages.Add(page);
                continue;
            }

            if (number <= info.PageSizes.Count)
            {
                var (width, height) = info.PageSizes[number - 1];
                CheckPixels(number, width / 72 * PdfRasteriser.Resolution, height / 72 * PdfRasteriser.Resolution);
            }

            context.Pages.Add(null);
            context.PagesToRecognise.Add(new PageImage(number, PageImageOrigin.PdfPage, context.ReadPath));
        }
    }

    private void AddImageFrames(IngestionContext context, int frames)
    {
        CheckPageCount(frames);
        var (width, height) = ImageProbe.ReadSize(context.ReadPath);
        CheckPixels(1, width, height);
        for (var frame = 0; frame < frames; frame++)
        {
            context.Pages.Add(null);
            context.PagesToRecognise.Add(new PageImage(frame + 1, PageImageOrigin.ImageFrame, context.ReadPath, frame));
        }
    }

    private void CheckPageCount(int pages)
    {
        if (pages > options.MaxPages)
        {
            throw new UnreadableFileException($"the file has {pages} pages, more than the limit of {options.MaxPages}");
        }
    }

    private void CheckPixels(int page, double width, double height)
    {
        var pixels = width * height;
        if (pixels > options.MaxPagePixels)
        {
            throw new UnreadableFileException(
                $"page {page} would be {pixels / 1e6:0} million pixels, more than the limit of {options.MaxPagePixels / 1e6:0} million");
        }
    }
}
