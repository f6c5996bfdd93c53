using System.Text.Json;
using DocShelf.Cli.Composition;
using DocShelf.Cli.Settings;
using DocShelf.Core.Queue;
using DocShelf.Core.Text;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Ingestion.Readers.Office;
using DocShelf.Rendering;
using DocShelf.Search;
using DocShelf.Search.Lexical;
using DocShelf.Search.Semantic;
using Xunit.Abstractions;

namespace DocShelf.Cli.Tests;

public sealed class FaultInjectionTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 5;

    /// <summary>Made-up words, one per file, that appear nowhere else, so each file's chunks can be counted.</summary>
    private static readonly string[] Markers =
    [
        "Quillford", "Brantholm", "Calderwyke", "Dunmarrow", "Eskerby", "Fallowmere", "Grimsbeck",
        "Harrowdene", "Ivelthorpe", "Jessamoor", "Kestrelwick", "Lanthorne", "Morrowgate", "Nethercombe",
    ];

    private readonly TempFolder folder = new();

    [Fact]
    public async Task Killed_again_and_again_mid_ingest_the_service_ends_with_every_file_indexed_exactly_once()
    {
        var inbox = folder.Folder("inbox");
        var data = folder.File("data");
        var files = FillInbox(inbox);

        var workFoldersLeft = 0;
        string[] left = [];
        for (var round = 0; round < Kills; round++)
        {
            using var service = ServiceProcess.Start(data, inbox);
            await service.WebUrlAsync();
            Assert.DoesNotContain(left, Directory.Exists); // the start swept what the last kill left
            await WaitAsync(() => service.Status() is { InProgress.Count: > 0 }, "the service is reading a file", service);
            await Task.Delay(TimeSpan.FromMilliseconds(250 * round)); // a different moment in each round
            service.Kill();
            left = WorkFolders(data);
            workFoldersLeft += left.Length;
        }

        using (var service = ServiceProcess.Start(data, inbox))
        {
            await service.WebUrlAsync();
            Assert.DoesNotContain(left, Directory.Exists);
            await WaitAsync(
                () => service.Status() is { QueueDepth: 0, InProgress.Count: 0, Settling: 0, Shelf.Files.Indexed: var indexed } && indexed == files.Count,
                "every file is indexed",
                service);
            await Eventually.HoldsAsync(async () => await VectorsToMakeAsync(data) == 0, "every chunk is embedded", TimeSpan.FromMinutes(4));
            Assert.Equal(0, await service.StopAsync());
        }

        VerifyVectors(data);
        var (lost, duplicated) = Verify(data, files);
        output.WriteLine($"{files.Count} files, {Kills} SIGKILLs mid-ingest, then a clean run: {lost} lost, {duplicated} duplicated; the kills left {workFoldersLeft} work folders, {WorkFolders(data).Length} after");
        Assert.Equal((0, 0), (lost, duplicated));
        Assert.True(workFoldersLeft > 0, "a kill mid-read leaves the file's work folder, for the next start to sweep");
        Assert.Empty(WorkFolders(data));
    }

    private static async Task<int> VectorsToMakeAsync(string data)
    {
        var status = await CliRunner.RunAsync(data, "status", "--json");
        return status.ExitCode == 0 ? JsonDocument.Parse(status.Output).RootElement.GetProperty("search").GetProperty("vectorsToMake").GetInt32() : -1;
    }

    /// <summary>
    /// Every chunk has its vector and its sentences' (those a kill left written but unacknowledged were cut off and
    /// made again), and nothing is left of a chunk that is gone.
    /// </summary>
    private static void VerifyVectors(string data)
    {
        using var shelf = ShelfComposition.OpenForReading(data, SettingsLoader.Load(data));
        var semantic = shelf.Searcher.Semantic!;
        var (missing, orphans) = new ChunkEmbedder(shelf.Store, semantic).Plan();
        Assert.Empty(missing);
        Assert.Empty(orphans);
        var chunks = shelf.Store.AllDocuments().SelectMany(d => shelf.Store.ChunksOf(d.Id)).ToList();
        Assert.All(chunks, chunk => Assert.Equal(SentenceSpans.Of(chunk.Text), semantic.Sentences!.Of(chunk.Id).Select(s => (s.Start, s.End))));
        Assert.Equal(chunks.Sum(c => SentenceSpans.Of(c.Text).Count()), semantic.Sentences!.Count);
    }

    /// <summary>The work folders in the data folder's scratch folder: everything there but LibreOffice's profile.</summary>
    private static string[] WorkFolders(string data)
    {
        var scratch = Path.Combine(data, ScratchFolder.Name);
        return Directory.Exists(scratch) ? [.. Directory.GetDirectories(scratch).Where(d => Path.GetFileName(d) != OfficeConverter.ProfileFolder)] : [];
    }

    /// <summary>Checks store, queue and index agree, file by file. Returns files lost and files with duplicated chunks.</summary>
    private static (int Lost, int Duplicated) Verify(string data, IReadOnlyDictionary<string, string> files)
    {
        Dictionary<string, int> indexed;
        using (var index = new LexicalIndex(data, writable: false))
        {
            indexed = index.ChunkCounts();
        }

        using var shelf = Shelf.OpenForReading(data);
        var documents = shelf.Store.AllDocuments();
        Assert.Equal(files.Count, documents.Count);
        Assert.Equal(documents.Select(d => d.Id).Order(), indexed.Keys.Order()); // no orphan index entries
        var lost = 0;
        var duplicated = 0;
        foreach (var (path, marker) in files)
        {
            var entry = shelf.Queue.Find(path);
            var document = shelf.Store.FindByPath(path);
            var hits = shelf.Searcher.Search(marker, 10);
            if (entry?.State != FileState.Indexed || document is null || hits.Count == 0)
            {
                lost++;
                continue;
            }

            var stored = shelf.Store.ChunksOf(document.Id).Count;
            if (stored != document.ChunkCount || indexed.GetValueOrDefault(document.Id) != stored || hits.Count != 1 || hits[0].Path != path)
            {
                duplicated++;
            }
        }

        return (lost, duplicated);
    }

    /// <summary>Born-digital PDFs, PNG scans, a scanned PDF and text files, each carrying its own marker word.</summary>
    private static Dictionary<string, string> FillInbox(string inbox)
    {
        var pages = SampleTexts.AllPages();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Markers.Length; i++)
        {
            var text = $"{Markers[i]} holds this paper.\n\n{pages[i % pages.Count]}";
            var path = (i % 7) switch
            {
                0 or 1 or 2 => Write(inbox, $"letter-{i}.pdf", p => PdfWriter.Write(p, [PdfPage.WithText(text), PdfPage.WithText(pages[(i + 1) % pages.Count])], "Letter")),
                3 or 4 => Write(inbox, $"scan-{i}.png", p => ImageWriter.WritePng(p, PageRasteriser.Render(text, ScanStyle.Office(i)))),
                5 => Write(inbox, $"scanned-{i}.pdf", p => PdfWriter.Write(p, [PdfPage.Scanned(PageRasteriser.Render(text, ScanStyle.Office(i))), PdfPage.Scanned(PageRasteriser.Render(pages[i], ScanStyle.Office(i + 1)))], "Scan")),
                _ => Write(inbox, $"notes-{i}.txt", p => File.WriteAllText(p, text)),
            };
            files[path] = Markers[i];
        }

        return files;
    }

    private static string Write(string folder, string name, Action<string> write)
    {
        var path = Path.Combine(folder, name);
        write(path);
        return path;
    }

    private static Task WaitAsync(Func<bool> condition, string description, ServiceProcess service) =>
        Eventually.HoldsAsync(() => service.HasExited ? throw new InvalidOperationException("the service exited") : condition(), description, TimeSpan.FromMinutes(3));

    public void Dispose() => folder.Dispose();
}
