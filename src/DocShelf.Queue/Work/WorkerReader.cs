using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Readers;
using DocShelf.Ingestion.Readers.Office;
using DocShelf.Queue.Messages;
using DocShelf.Queue.Readings;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.AI;

namespace DocShelf.Queue.Work;

/// <summary>
/// Reads one file for a shelf on another machine with the pipeline the shelf would use (identify, extract, OCR,
/// chunk, keep) and the chunking the shelf asks for, then embeds its chunks, and writes the reading as an archive
/// for the trip back. The OCR engines and the office converter are made once and serve every file.
/// </summary>
public sealed class WorkerReader : IDisposable
{
    private readonly IngestionOptions options;
    private readonly IOcrEngine ocr;
    private readonly OfficeConverter office;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? generator;
    private readonly EmbeddingPrefixes prefixes;

    /// <param name="generator">The embedding model, the same as the shelf's; null for a shelf searched by words alone.</param>
    /// <param name="scratchDirectory">Where the office converter keeps its profile.</param>
    public WorkerReader(IngestionOptions options, IOcrEngine ocr, IEmbeddingGenerator<string, Embedding<float>>? generator, EmbeddingPrefixes prefixes, string scratchDirectory)
    {
        this.options = options;
        this.ocr = ocr;
        this.generator = generator;
        this.prefixes = prefixes;
        office = new OfficeConverter(Path.Combine(scratchDirectory, OfficeConverter.ProfileFolder), options.ToolLimits, options.PdfPasswords);
    }

    /// <summary>Reads <paramref name="file"/>, received for <paramref name="request"/>, and writes its reading to <paramref name="archive"/>; returns the pages read.</summary>
    /// <param name="workDirectory">The file's own scratch folder, which the caller removes.</param>
    /// <param name="pageRecognised">Called after each page's OCR.</param>
    /// <exception cref="OperationCanceledException">The file took longer than the limit (<see cref="IngestionOptions.MaxFileDuration"/>), or the worker is stopping.</exception>
    public async Task<int> ReadAsync(ReadRequest request, string file, string workDirectory, string archive, Action pageRecognised, CancellationToken cancellationToken)
    {
        var reading = options with { Chunking = request.Chunking };
        var collector = new ReadingCollector(file, Path.Combine(workDirectory, "sources"));
        using var pipeline = IngestionPipeline.Standard(collector, ocr, reading, ReaderCatalogue.Standard(reading, office), collector, batcher: null);
        var context = new IngestionContext(request.Name, Directory.CreateDirectory(Path.Combine(workDirectory, "reading")).FullName)
        {
            ReadPath = file,
            PageRecognised = (_, _) => pageRecognised(),
        };
        await pipeline.RunAsync(context, cancellationToken);
        var embedder = generator is null ? null : new PassageEmbedder(generator, prefixes, request.WithSentences);
        var bundle = await collector.ToBundleAsync(embedder, cancellationToken);
        await ReadingArchive.WriteAsync(bundle, collector.SourceFiles, archive, cancellationToken);
        return bundle.Documents.Sum(d => d.Pages.Count);
    }

    public void Dispose() => office.Dispose();
}
