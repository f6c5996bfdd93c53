using System.Collections.Concurrent;
using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;

namespace DocShelf.Ocr.Tesseract;

/// <summary>
/// Hands each caller a Tesseract instance of its own, so pages run in parallel on all cores.
/// Instances are created on first need and kept; callers bound the concurrency.
/// </summary>
public sealed class TesseractEnginePool(string languages, string? dataPath = null, OcrOptions? options = null) : IOcrEngine, IDisposable
{
    private readonly ConcurrentBag<TesseractEngine> idle = [];
    private readonly ConcurrentBag<TesseractEngine> all = [];

    public string Languages { get; } = languages;

    public PageContent Recognise(string imagePath, int frame, int pageNumber, CancellationToken cancellationToken = default)
    {
        var engine = Take();
        try
        {
            return engine.Recognise(imagePath, frame, pageNumber, cancellationToken);
        }
        finally
        {
            idle.Add(engine);
        }
    }

    public void Dispose()
    {
        foreach (var engine in all)
        {
            engine.Dispose();
        }

        all.Clear();
        idle.Clear();
    }

    private TesseractEngine Take()
    {
        if (idle.TryTake(out var engine))
        {
            return engine;
        }

        engine = new TesseractEngine(Languages, dataPath, options);
        all.Add(engine);
        return engine;
    }
}
