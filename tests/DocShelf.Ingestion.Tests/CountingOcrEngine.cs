using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;

namespace DocShelf.Ingestion.Tests;

/// <summary>Passes pages to the real engine and counts them, so a test can tell whether OCR ran again.</summary>
public sealed class CountingOcrEngine(IOcrEngine inner) : IOcrEngine
{
    private int pages;

    public int Pages => pages;

    public PageContent Recognise(string imagePath, int frame, int pageNumber, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref pages);
        return inner.Recognise(imagePath, frame, pageNumber, cancellationToken);
    }
}
