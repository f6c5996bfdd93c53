using System.Security.Cryptography;
using DocShelf.Core.Documents;
using DocShelf.Core.Ocr;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Queue;
using DocShelf.Core.Reading;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Embedding;
using DocShelf.Ingestion.PageImages;
using DocShelf.Ingestion.Readers;
using DocShelf.Ingestion.Readers.Office;
using DocShelf.Ingestion.Steps;
using DocShelf.Ingestion.Tools;
using DocShelf.Ocr.Imaging;
using DocShelf.Rendering;
using DocShelf.Search;
using DocShelf.Search.Semantic;
using Microsoft.Extensions.AI;

namespace DocShelf.Ingestion.Tests;

/// <summary>Each step alone, on a context built by hand: no Tesseract, no poppler.</summary>
public sealed class StepTests : IDisposable
{
    private const string Minutes = "The council met at nine. The harbour dues were raised by a penny.";

    private readonly TempFolder folder = new();
    private readonly Shelf shelf;
    private readonly IngestionOptions options = new();

    public StepTests() => shelf = Shelf.OpenForWriting(folder.Folder("data"));

    [Fact]
    public async Task Identify_hashes_types_and_matches_bytes_already_on_the_shelf()
    {
        var first = await TextFileAsync("minutes.txt");
        var copy = await TextFileAsync("copy of minutes.txt");
        var step = new IdentifyStep(shelf.Writer!, options);

        var context = Context(first);
        await step.ExecuteAsync(context, CancellationToken.None);
        shelf.Writer!.Publish(Record(context), first, [Page(context.DocumentId)], []);
        var again = Context(copy);
        await step.ExecuteAsync(again, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(first))), context.Sha256);
        Assert.Equal(FileKind.PlainText, context.Kind);
        Assert.False(context.IsComplete);
        Assert.True(again.IsComplete);
        Assert.Equal(context.DocumentId, again.Existing?.Id);
        Assert.Equal([first, copy], shelf.Store.FindDocument(context.DocumentId)!.Paths);
    }

    [Fact]
    public async Task Extract_takes_a_text_file_as_it_is_and_sends_an_image_to_ocr()
    {
        var text = Context(await TextFileAsync("minutes.txt"), FileKind.PlainText);
        var scan = folder.File("scan.png");
        using (var bitmap = PageRasteriser.Render("A short scanned note.", ScanStyle.Clean))
        {
            ImageWriter.WritePng(scan, bitmap);
        }

        var image = Context(scan, FileKind.Png);
        using var office = new OfficeConverter(folder.Folder("office-profile"), options.ToolLimits, []);
        var step = new ExtractStep(ReaderCatalogue.Standard(options, office), options.ZipLimits);
        await step.ExecuteAsync(text, CancellationToken.None);
        await step.ExecuteAsync(image, CancellationToken.None);

        Assert.Equal(Minutes, Assert.Single(text.Pages)!.Text.Trim());
        Assert.Empty(text.PagesToRecognise);
        Assert.Null(Assert.Single(image.Pages));
        Assert.Equal(new PageImage(1, PageImageOrigin.ImageFrame, scan), Assert.Single(image.PagesToRecognise));
    }

    [Fact]
    public async Task Recognise_fills_each_page_from_the_engine_and_reports_it()
    {
        var reported = new List<int>();
        var context = new IngestionContext(folder.File("scan.png"), folder.Folder("work")) { PageRecognised = (page, _) => { lock (reported) { reported.Add(page); } } };
        context.Pages.AddRange([null, null]);
        context.PagesToRecognise.AddRange([new PageImage(1, PageImageOrigin.ImageFrame, "scan.png"), new PageImage(2, PageImageOrigin.ImageFrame, "scan.png", 1)]);
        using var step = new RecogniseStep(new FrameEngine(), new SemaphoreSlim(2), options);

        await step.ExecuteAsync(context, CancellationToken.None);

        Assert.Equal(["frame 0", "frame 1"], context.Pages.Select(p => p!.Text));
        Assert.Equal([1, 2], reported.Order());
    }

    [Fact]
    public async Task Chunk_cuts_every_page_into_chunks_that_know_their_page()
    {
        var context = Context(folder.File("minutes.txt"));
        context.DocumentId = "0123456789abcdef";
        context.Pages.AddRange([Page(context.DocumentId, 1), Page(context.DocumentId, 2)]);

        await new ChunkStep(new Chunker(options.Chunking)).ExecuteAsync(context, CancellationToken.None);

        Assert.Equal([1, 2], context.Chunks.Select(c => c.PageNumber));
        Assert.All(context.Chunks, c => Assert.Equal(context.DocumentId, c.DocumentId));
        Assert.Equal(Minutes, context.Chunks[0].Text);
    }

    [Fact]
    public async Task Keep_copies_the_file_a_scan_is_drawn_from_into_the_data_folder_once_and_nothing_for_a_text_file()
    {
        var scan = folder.File("scan.png");
        using (var bitmap = PageRasteriser.Render("A short scanned note.", ScanStyle.Clean))
        {
            ImageWriter.WritePng(scan, bitmap);
        }

        var image = Context(scan, FileKind.Png);
        image.DocumentId = "00000000000000aa";
        image.Drawing = new PageDrawing(FileKind.Png, scan);
        var text = Context(await TextFileAsync("minutes.txt"), FileKind.PlainText);
        text.DocumentId = "00000000000000bb";
        var step = new PageSourceStep(shelf.PageSources);

        await step.ExecuteAsync(image, CancellationToken.None);
        var kept = shelf.PageSources.Find(image.DocumentId)!;
        var keptAt = File.GetLastWriteTimeUtc(kept);
        await Task.Delay(20);
        await step.ExecuteAsync(image, CancellationToken.None); // the same content read again: kept once
        await step.ExecuteAsync(text, CancellationToken.None);

        Assert.Equal(await File.ReadAllBytesAsync(scan), await File.ReadAllBytesAsync(kept));
        Assert.Equal(keptAt, File.GetLastWriteTimeUtc(kept));
        Assert.Null(shelf.PageSources.Find(text.DocumentId));
        Assert.Equal(1, shelf.PageSources.Size().Files);
    }

    [Fact]
    public async Task Embed_leaves_chunks_with_the_batcher_until_a_batch_waits_and_then_embeds_them_with_their_sentences()
    {
        var generator = new ConceptEmbeddingGenerator();
        var index = new SemanticIndex(generator, shelf.Vectors("concepts", 6), shelf.SentenceVectors("concepts", 6));
        using var batcher = new ChunkBatcher(new ChunkEmbedder(shelf.Store, index), chunksPerBatch: 3);
        var step = new EmbedStep(batcher);

        await step.ExecuteAsync(TwoPageContext("aaaaaaaaaaaaaaaa"), CancellationToken.None);
        var waitingAfterOne = (batcher.Waiting, index.Vectors.Count, generator.Calls);
        await step.ExecuteAsync(TwoPageContext("bbbbbbbbbbbbbbbb"), CancellationToken.None);
        var afterTwo = (batcher.Waiting, index.Vectors.Count, index.Sentences!.Count, generator.Calls);
        await step.ExecuteAsync(TwoPageContext("cccccccccccccccc"), CancellationToken.None);
        await batcher.FlushAsync(CancellationToken.None);

        Assert.Equal((2, 0, 0), waitingAfterOne);
        Assert.Equal((0, 4, 8, 1), afterTwo); // one call for two files' chunks and their two sentences each
        Assert.Equal((0, 6, 6), (batcher.Waiting, index.Vectors.Count, batcher.Embedded));
    }

    [Fact]
    public async Task A_batch_the_model_fails_on_does_not_fail_the_file_and_the_catch_up_makes_its_vectors()
    {
        var failing = new SemanticIndex(new FailingGenerator(), shelf.Vectors("concepts", 6));
        using var batcher = new ChunkBatcher(new ChunkEmbedder(shelf.Store, failing), chunksPerBatch: 1);
        var context = await ChunkedContextAsync();

        await new EmbedStep(batcher).ExecuteAsync(context, CancellationToken.None);
        shelf.Writer!.Publish(Record(context), context.Path, [.. context.Pages.Select(p => p!)], context.Chunks);
        var working = new SemanticIndex(new ConceptEmbeddingGenerator(), shelf.Vectors("concepts", 6));
        var (caughtUp, _) = await new ChunkEmbedder(shelf.Store, working).CatchUpAsync(null, CancellationToken.None);

        Assert.Equal((0, 0), (batcher.Waiting, batcher.Embedded));
        Assert.Equal((1, 1), (caughtUp, working.Vectors.Count));
    }

    [Fact]
    public async Task The_pipeline_ends_by_publishing_the_document_searchable_with_the_time_of_every_step()
    {
        var context = await ChunkedContextAsync();
        context.Steps.Clear(); // the chunk step ran outside a pipeline
        var ran = new List<string>();
        using var pipeline = new IngestionPipeline([new NamedStep("first", ran), new NamedStep("second", ran)], shelf.Writer!, options.MaxNesting);

        await pipeline.RunAsync(context, CancellationToken.None);
        shelf.Writer!.Commit();

        var stored = shelf.Store.FindDocument(context.DocumentId)!;
        Assert.Equal((DocumentStatus.Indexed, FileState.Indexed), (stored.Status, shelf.Queue.Find(context.Path)!.State));
        Assert.Equal(["first", "second"], stored.Steps.Select(s => s.Step));
        Assert.Equal(context.DocumentId, Assert.Single(shelf.Searcher.Search("harbour dues", 10)).DocumentId);
    }

    [Fact]
    public async Task The_pipeline_stops_when_a_step_completes_the_file_and_then_writes_nothing()
    {
        var ran = new List<string>();
        using var stopping = new IngestionPipeline([new NamedStep("only", ran, completes: true), new NamedStep("never", ran)], shelf.Writer!, options.MaxNesting);
        var context = await ChunkedContextAsync();

        await stopping.RunAsync(context, CancellationToken.None);

        Assert.Equal(["only"], ran);
        Assert.Null(shelf.Store.FindDocument(context.DocumentId));
        Assert.Null(shelf.Queue.Find(context.Path));
    }

    public void Dispose()
    {
        shelf.Dispose();
        folder.Dispose();
    }

    private async Task<string> TextFileAsync(string name)
    {
        var path = folder.File(name);
        await File.WriteAllTextAsync(path, Minutes);
        return path;
    }

    private IngestionContext Context(string path, FileKind kind = FileKind.Unknown) => new(path, folder.Folder("work")) { Kind = kind };

    private async Task<IngestionContext> ChunkedContextAsync()
    {
        var context = Context(await TextFileAsync("minutes.txt"));
        context.DocumentId = "0123456789abcdef";
        context.Sha256 = context.DocumentId + new string('0', 48);
        context.Kind = FileKind.PlainText;
        context.Pages.Add(Page(context.DocumentId));
        await new ChunkStep(new Chunker(options.Chunking)).ExecuteAsync(context, CancellationToken.None);
        return context;
    }

    private IngestionContext TwoPageContext(string documentId)
    {
        var context = Context(folder.File(documentId + ".txt"));
        context.DocumentId = documentId;
        context.Pages.AddRange([Page(documentId, 1), Page(documentId, 2)]);
        new ChunkStep(new Chunker(options.Chunking)).ExecuteAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        return context;
    }

    private static PageContent Page(string documentId, int number = 1) =>
        new() { DocumentId = documentId, Number = number, Source = PageSource.PlainText, Text = Minutes };

    private static DocumentRecord Record(IngestionContext context) => new()
    {
        Id = context.DocumentId,
        Sha256 = context.Sha256,
        Kind = context.Kind,
        Paths = [context.Path],
        Status = DocumentStatus.Indexed,
        PageCount = 1,
    };

    /// <summary>Reads every image as the text "frame N", so a test can tell which frame filled which page.</summary>
    private sealed class FrameEngine : IOcrEngine
    {
        public PageContent Recognise(string imagePath, int frame, int pageNumber, CancellationToken cancellationToken = default) =>
            new() { Number = pageNumber, Source = PageSource.Ocr, Text = $"frame {frame}" };
    }

    private sealed class FailingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the model ran out of memory");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class NamedStep(string name, List<string> ran, bool completes = false) : IIngestionStep
    {
        public string Name => name;

        public Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
        {
            ran.Add(name);
            context.IsComplete = completes;
            return Task.CompletedTask;
        }
    }
}
