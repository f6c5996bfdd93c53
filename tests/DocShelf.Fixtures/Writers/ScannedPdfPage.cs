using SkiaSharp;

namespace DocShelf.Fixtures.Writers;

public sealed record ScannedPdfPage(SKBitmap Image) : PdfPage;
