using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;

namespace DocShelf.Queue.Work;

/// <summary>
/// OCR for files a worker reads side by side: each file's OCR step runs a page per core, so two files at once would
/// run twice as many pages as there are cores; this lets no more than <paramref name="slots"/> pages be recognised at
/// once across all of them.
/// </summary>
public sealed class SharedPageSlots(IOcrEngine engine, int slots) : IOcrEngine, IDisposable
{
    private readonly SemaphoreSlim free = new(Math.Max(1, slots), Math.Max(1, slots));

    public PageContent Recognise(string imagePath, int frame, int pageNumber, CancellationToken cancellationToken = default)
    {
        free.Wait(cancellationToken);
        try
        {
            return engine.Recognise(imagePath, frame, pageNumber, cancellationToken);
        }
        finally
        {
            free.Release();
        }
    }

    public void Dispose() => free.Dispose();
}
