using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ocr.Imaging;

namespace DocShelf.Ingestion.Readers.Images;

/// <summary>Reads a scan (PNG, JPEG, or TIFF with a frame per page): every frame is a page for OCR.</summary>
public sealed class ImageReader(IngestionOptions options) : IDocumentReader
{
    private readonly PageLimits limits = new(options);

    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Png, FileKind.Jpeg, FileKind.Tiff];

    public Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var frames = file.Kind == FileKind.Tiff ? ImageProbe.CountTiffFrames(file.Path) : 1;
        limits.CheckPageCount(frames);
        var (width, height) = ImageProbe.ReadSize(file.Path);
        limits.CheckPixels(1, width, height);
        return Task.FromResult(new DocumentReading
        {
            Pages = new PageContent?[frames],
            PagesToRecognise = [.. Enumerable.Range(0, frames).Select(frame => new PageImage(frame + 1, PageImageOrigin.ImageFrame, file.Path, frame))],
            Drawing = new PageDrawing(file.Kind, file.Path),
        });
    }
}
