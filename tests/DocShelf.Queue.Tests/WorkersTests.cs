using System.Security.Cryptography;
using System.Text.Json;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Mail;
using DocShelf.Fixtures.Office;
using DocShelf.Fixtures.Testing;
using DocShelf.Queue.Broker;
using RabbitMQ.Client;

namespace DocShelf.Queue.Tests;

/// <summary>
/// A shelf served with `--queue` and workers in processes of their own on a real rabbitmq-server: what they read
/// together is what the shelf reads alone (`docshelf ingest` of the same folder), and kills of a worker, of the
/// shelf and a restart of the broker lose nothing and publish nothing twice.
/// </summary>
public sealed class WorkersTests : IDisposable
{
    private static readonly string[] Queries = ["when was the ferry cancelled", "the lamp of the lighthouse", "accounts of the mill"];

    private readonly TempFolder folder = new();

    [Fact]
    public async Task Three_workers_read_a_mixed_folder_into_the_shelf_as_the_shelf_reads_it_alone()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        var files = MixedFolder(setup.Inbox);
        var workers = Enumerable.Range(1, 3).Select(i => setup.StartWorker($"w{i}")).ToList();
        setup.StartShelf();
        await setup.ReadAllAsync(files);
        await Eventually.HoldsAsync(() => setup.Shelf.Status()?.Workers is { Published: var published, Failed: 1, Workers.Count: 3 } && published == files - 1, "the status counts every reading, the damaged file and every worker");
        var status = await CliRunner.RunAsync(setup.Data, "status");
        Assert.Contains($"Workers through {setup.Broker.Address}: 0 files waiting, 0 at workers, {files - 1} published and 1 failed since start", status.Output, StringComparison.Ordinal);
        Assert.All(workers, w => Assert.Contains($"  {w.Name}: idle; ", status.Output, StringComparison.Ordinal));
        await setup.Shelf.StopAsync();

        var reference = await ReadAloneAsync(setup.Inbox);
        Assert.Equal(await ShelfWithWorkers.DocumentsAsync(reference), await ShelfWithWorkers.DocumentsAsync(setup.Data));
        foreach (var query in Queries)
        {
            Assert.Equal(await MeaningHitsAsync(reference, query), await MeaningHitsAsync(setup.Data, query));
        }

        AssertSamePageSources(reference, setup.Data);

        // Each file answered once by one worker (read, or refused with its reason), and nothing left on the broker.
        var answers = workers.SelectMany(w => w.Output.Split('\n')).ToList();
        Assert.All(Directory.GetFiles(setup.Inbox).Select(Path.GetFileName), name => Assert.Single(answers, line => line.Contains($"] {name}: ", StringComparison.Ordinal)));
        Assert.Contains(answers, line => line.Contains("] broken.pdf: the PDF is damaged", StringComparison.Ordinal));
        await AssertNothingLeftAsync(setup.Broker);
    }

    [Fact]
    public async Task Files_named_to_ingest_while_the_shelf_serves_are_read_by_its_workers()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        var elsewhere = folder.Folder("elsewhere");
        File.Copy(SampleDoc("lighthouse-keeper-log-1887.png"), Path.Combine(elsewhere, "log.png"));
        var worker = setup.StartWorker("reader");
        setup.StartShelf();
        await setup.Shelf.WebUrlAsync();

        var ingest = await CliRunner.RunAsync(setup.Data, "ingest", elsewhere);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Contains("Handed 1 file to the DocShelf service", ingest.Output, StringComparison.Ordinal);
        await setup.ReadAllAsync(1);
        Assert.Contains("log.png: read", worker.Output, StringComparison.Ordinal);
        var documents = await CliRunner.RunAsync(setup.Data, "documents", "--json");
        Assert.Contains(Path.Combine(elsewhere, "log.png"), documents.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_changed_while_at_the_workers_is_read_again_and_only_its_new_version_published()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        var rules = Path.Combine(setup.Inbox, "rules.txt");
        File.Copy(SampleDoc("reading-room-rules.txt"), rules);
        setup.StartShelf();
        await Eventually.HoldsAsync(() => setup.Shelf.Status() is { Workers.HandedOut: 1 }, "the first version is handed out");

        await File.AppendAllTextAsync(rules, "\nVisitors sign the Quillford register before entering the strong room.\n");
        await Eventually.HoldsAsync(() => setup.Shelf.Status() is { QueueDepth: 1 }, "the new version is queued behind the first");
        var worker = setup.StartWorker("reader");
        await setup.ReadAllAsync(1);
        await Eventually.HoldsAsync(() => setup.Shelf.Status() is { Workers.HandedOut: 0 }, "nothing is left at the workers");

        Assert.Equal(2, worker.Output.Split('\n').Count(line => line.Contains("] rules.txt: read", StringComparison.Ordinal)));
        var search = await CliRunner.RunAsync(setup.Data, "search", "--json", "--mode", "lexical", "Quillford");
        Assert.Contains("rules.txt", search.Output, StringComparison.Ordinal);
        Assert.Equal(1, setup.Shelf.Status()!.Shelf!.Counts.IndexedDocuments);
        await setup.Shelf.StopAsync();
        await AssertNothingLeftAsync(setup.Broker);
    }

    [Fact]
    public async Task A_worker_killed_mid_file_leaves_it_to_another_and_it_is_published_once()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        File.Copy(SampleDoc("council-minutes-1911-scan.pdf"), Path.Combine(setup.Inbox, "council-minutes-1911-scan.pdf"));
        var first = setup.StartWorker("first");
        setup.StartShelf();
        await Eventually.HoldsAsync(() => first.HoldsFile, "the first worker is reading the scan", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1)); // into its OCR
        first.Kill();
        Assert.Equal(0, setup.Shelf.Status()?.Shelf?.Files.Indexed ?? 0);

        var second = setup.StartWorker("second");
        await setup.ReadAllAsync(1);
        Assert.DoesNotContain("council-minutes-1911-scan.pdf: read", first.Output, StringComparison.Ordinal);
        Assert.Contains("council-minutes-1911-scan.pdf: read", second.Output, StringComparison.Ordinal);
        await setup.Shelf.StopAsync();
        Assert.Equal(await ShelfWithWorkers.DocumentsAsync(await ReadAloneAsync(setup.Inbox)), await ShelfWithWorkers.DocumentsAsync(setup.Data));
        await AssertNothingLeftAsync(setup.Broker);
    }

    [Fact]
    public async Task Workers_stopped_mid_file_give_it_back_at_once_and_as_often_as_they_are_stopped()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        File.Copy(SampleDoc("council-minutes-1911-scan.pdf"), Path.Combine(setup.Inbox, "council-minutes-1911-scan.pdf"));
        setup.StartShelf();

        // More stops than the broker's delivery limit: a clean stop is not a file killing its worker.
        for (var stop = 1; stop <= 5; stop++)
        {
            var stopped = setup.StartWorker($"stopped-{stop}");
            await Eventually.HoldsAsync(() => stopped.HoldsFile, "the worker is reading the scan", TimeSpan.FromMinutes(2));
            Assert.Equal(0, await stopped.StopAsync());
            Assert.Contains($"Worker stopped-{stop} stopped after 0 files", stopped.Output, StringComparison.Ordinal);
            Assert.False(stopped.HoldsFile); // its work folder went with it
        }

        var last = setup.StartWorker("last");
        await setup.ReadAllAsync(1);
        Assert.Contains("council-minutes-1911-scan.pdf: read", last.Output, StringComparison.Ordinal);
        Assert.Equal((1, 0), (setup.Shelf.Status()!.Shelf!.Files.Indexed, setup.Shelf.Status()!.Shelf!.Files.Quarantined));
    }

    [Fact]
    public async Task Readings_that_waited_while_the_shelf_was_killed_are_published_once_when_it_returns()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        string[] names = ["ferry-notice-1908.jpg", "lighthouse-keeper-log-1887.png", "orchard-society-newsletter.pdf", "reading-room-rules.txt"];
        foreach (var name in names)
        {
            File.Copy(SampleDoc(name), Path.Combine(setup.Inbox, name));
        }

        setup.StartShelf();
        await Eventually.HoldsAsync(() => setup.Shelf.Status() is { Workers.HandedOut: var sent } && sent == names.Length, "the broker has confirmed every file");
        setup.Shelf.Kill();
        await Eventually.HoldsAsync(async () => await WaitingAsync(setup.Broker, FilesQueue) == names.Length, "every file waits on the broker");

        var worker = setup.StartWorker("alone");
        await Eventually.HoldsAsync(async () => await WaitingAsync(setup.Broker, "docshelf.results") == names.Length, "every reading waits for the shelf", TimeSpan.FromMinutes(3));
        await worker.StopAsync();
        await DuplicateOneResultAsync(setup.Broker); // as if a worker died between sending a reading and acknowledging its file
        await Eventually.HoldsAsync(async () => await WaitingAsync(setup.Broker, "docshelf.results") == names.Length + 1, "the copy waits beside the readings");

        setup.StartShelf();
        await setup.ReadAllAsync(names.Length);
        await Eventually.HoldsAsync(async () => await WaitingAsync(setup.Broker, "docshelf.results") == 0, "every reading is dealt with");
        await setup.Shelf.StopAsync();
        Assert.Equal(await ShelfWithWorkers.DocumentsAsync(await ReadAloneAsync(setup.Inbox)), await ShelfWithWorkers.DocumentsAsync(setup.Data));
        await AssertNothingLeftAsync(setup.Broker);
    }

    [Fact]
    public async Task The_shelf_and_its_worker_carry_on_after_the_broker_restarts()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        File.Copy(SampleDoc("ferry-notice-1908.jpg"), Path.Combine(setup.Inbox, "ferry-notice-1908.jpg"));
        var worker = setup.StartWorker("steady");
        setup.StartShelf();
        await setup.ReadAllAsync(1);

        await setup.Broker.RestartAsync();
        File.Copy(SampleDoc("reading-room-rules.txt"), Path.Combine(setup.Inbox, "reading-room-rules.txt"));
        File.Copy(SampleDoc("lighthouse-keeper-log-1887.png"), Path.Combine(setup.Inbox, "lighthouse-keeper-log-1887.png"));
        await setup.ReadAllAsync(3, TimeSpan.FromMinutes(3));

        Assert.False(worker.HasExited, worker.Output);
        Assert.False(setup.Shelf.HasExited);
        Assert.Equal(3, setup.Shelf.Status()!.Shelf!.Files.Indexed);
        await setup.Shelf.StopAsync();
        await AssertNothingLeftAsync(setup.Broker);
    }

    [Fact]
    public async Task A_file_every_worker_dies_holding_is_dead_lettered_and_quarantined_with_the_reason()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        File.Copy(SampleDoc("council-minutes-1911-scan.pdf"), Path.Combine(setup.Inbox, "poison.pdf"));
        setup.StartShelf();
        var deaths = 0;
        while (setup.Shelf.Status() is not { Shelf.Files.Quarantined: 1 } && deaths < 6)
        {
            var worker = setup.StartWorker($"doomed-{deaths}");
            await Eventually.HoldsAsync(() => worker.HoldsFile || setup.Shelf.Status() is { Shelf.Files.Quarantined: 1 }, "a worker takes the file, or the shelf has given up on it", TimeSpan.FromMinutes(2));
            if (worker.HoldsFile)
            {
                worker.Kill();
                deaths++;
            }
        }

        await setup.ReadAllAsync(1);
        Assert.Equal(4, deaths); // the first delivery and the three the limit allows
        var quarantined = await CliRunner.RunAsync(setup.Data, "documents", "--json");
        Assert.Contains("4 workers died reading it without an answer; the file may crash the reader", quarantined.Output, StringComparison.Ordinal);
        await setup.Shelf.StopAsync();
        await AssertNothingLeftAsync(setup.Broker);
    }

    [Fact]
    public async Task A_worker_with_another_embedding_model_is_refused_with_the_reason_and_takes_nothing()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        File.Copy(SampleDoc("reading-room-rules.txt"), Path.Combine(setup.Inbox, "reading-room-rules.txt"));
        setup.StartShelf();
        await Eventually.HoldsAsync(async () => await WaitingAsync(setup.Broker, FilesQueue) == 1, "the file is handed to the broker");

        var wordsOnly = folder.File("words-only");
        var chosen = await CliRunner.RunAsync(wordsOnly, "models", "use", "none");
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        var refused = setup.StartWorker("other-model", wordsOnly);
        await Eventually.HoldsAsync(
            () => setup.Shelf.Status()?.Workers?.Workers.SingleOrDefault(w => w.Name == "other-model")?.Refused is { } why
                && why.Contains("embedding model none (words only) where the shelf uses snowflake-arctic-embed-xs", StringComparison.Ordinal),
            "the shelf's status shows the worker refused, with why");
        await Eventually.HoldsAsync(
            () => refused.Output.Contains("Worker other-model reads nothing for the shelf on 127.0.0.1: it has embedding model none (words only)", StringComparison.Ordinal),
            "the worker logs why it reads nothing");
        var doctor = await CliRunner.RunAsync(wordsOnly, DoctorEnvironment(setup), "doctor");
        Assert.Contains("a worker here would be refused: it has embedding model none (words only)", doctor.Output, StringComparison.Ordinal);
        Assert.Equal(1, await WaitingAsync(setup.Broker, FilesQueue));
        Assert.Equal(0, await refused.StopAsync());

        var sameModel = setup.StartWorker("same-model");
        await setup.ReadAllAsync(1);
        doctor = await CliRunner.RunAsync(sameModel.Data, DoctorEnvironment(setup), "doctor");
        Assert.Contains("this machine reads as the shelf does", doctor.Output, StringComparison.Ordinal);
        Assert.Equal(1, setup.Shelf.Status()!.Shelf!.Files.Indexed);
    }

    [Fact]
    public async Task A_reading_that_names_a_path_outside_its_file_is_refused_and_the_file_quarantined()
    {
        await using var setup = await ShelfWithWorkers.StartAsync();
        File.Copy(SampleDoc("reading-room-rules.txt"), Path.Combine(setup.Inbox, "rules.txt"));
        setup.StartShelf();
        await Eventually.HoldsAsync(async () => await WaitingAsync(setup.Broker, FilesQueue) == 1, "the file is handed to the broker");

        // The test is the worker: it answers with the file's own document, and one more under a name that climbs out.
        await using var connection = await setup.Broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var filesQueue = (await setup.Broker.QueuesAsync()).Keys.Single(q => q.StartsWith(FilesQueue, StringComparison.Ordinal) && q != "docshelf.files.dead");
        var delivery = await channel.BasicGetAsync(filesQueue, autoAck: false) ?? throw new InvalidOperationException("no file waits");
        var request = Messages.QueueJson.Read<Messages.ReadRequest>(delivery.Body.Span);
        var fileId = Core.Documents.DocumentRecord.IdFromSha256(request.File.Sha256);
        var origin = new Core.Documents.DocumentOrigin(fileId, 1, 1, request.Name, null, false);
        var climbing = new Core.Documents.DocumentRecord { Id = Core.Documents.DocumentRecord.IdOfAttachment(origin, new string('c', 64)), Sha256 = new string('c', 64), Kind = Core.Documents.FileKind.PlainText, Status = Core.Documents.DocumentStatus.Indexed, Origin = origin };
        var file = new Core.Documents.DocumentRecord { Id = fileId, Sha256 = request.File.Sha256, Kind = Core.Documents.FileKind.PlainText, Status = Core.Documents.DocumentStatus.Indexed };
        Readings.ReadingBundle reading = new(
        [
            new(climbing, $"{request.Name}//1/../../../../tmp/{Guid.NewGuid():N}", [], [], [], [], null),
            new(file, request.Name, [], [], [], [], null),
        ]);
        var archive = folder.File("hostile.zip");
        await Readings.ReadingArchive.WriteAsync(reading, new Dictionary<string, string>(), archive, CancellationToken.None);
        Transfer.TransferDescription sent;
        await using (var stream = File.OpenRead(archive))
        {
            sent = await Transfer.FileParts.SendAsync(channel, $"{request.JobId}.hostile", stream);
        }

        var result = new Messages.ReadResult(request.JobId, "hostile", request.Identity, sent, null, null);
        await channel.BasicPublishAsync("", "docshelf.results", mandatory: true, new BasicProperties { Persistent = true }, Messages.QueueJson.Write(result));
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);

        await setup.ReadAllAsync(1);
        var status = setup.Shelf.Status()!;
        Assert.Equal((0, 1), (status.Shelf!.Counts.IndexedDocuments, status.Shelf.Files.Quarantined));
        var documents = await CliRunner.RunAsync(setup.Data, "documents", "--json");
        Assert.Contains("the reading sent by worker hostile could not be used", documents.Output, StringComparison.Ordinal);
        await setup.Shelf.StopAsync();
        await AssertNothingLeftAsync(setup.Broker);
    }

    [Fact]
    public async Task Over_TLS_the_broker_is_checked_against_the_authority_the_machine_trusts_and_files_are_read()
    {
        await using var setup = await ShelfWithWorkers.StartAsync(tls: true);
        File.Copy(SampleDoc("ferry-notice-1908.jpg"), Path.Combine(setup.Inbox, "ferry-notice-1908.jpg"));
        var trusting = setup.StartWorker("trusting");
        setup.StartShelf();
        await setup.ReadAllAsync(1);
        Assert.Contains("ferry-notice-1908.jpg: read", trusting.Output, StringComparison.Ordinal);

        // A machine that does not trust the broker's authority refuses to talk to it.
        var doubting = setup.StartWorker("doubting", environment: new Dictionary<string, string> { ["DOCSHELF_QueuePasswordFile"] = setup.PasswordFile });
        Assert.Equal(1, await doubting.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("could not reach the broker", doubting.Output, StringComparison.Ordinal);
        Assert.Contains("certificate", doubting.Output, StringComparison.OrdinalIgnoreCase);
        await setup.Shelf.StopAsync();
    }

    public void Dispose() => folder.Dispose();

    /// <summary>The sample documents (scans, PDFs, images, text), an e-mail with a PDF attached, a Word document and a damaged PDF; returns how many files.</summary>
    private static int MixedFolder(string inbox)
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.SampleDocs))
        {
            File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
        }

        var attached = MailWriter.Attachment("survey-letters.pdf", "application/pdf", File.ReadAllBytes(SampleDoc("river-wend-survey-letters-1902.pdf")));
        MailWriter.Write(Path.Combine(inbox, "survey.eml"), MailWriter.Message("The survey letters", new DateTimeOffset(1902, 5, 3, 9, 0, 0, TimeSpan.Zero), "The letters are attached.", false, attached));
        DocxWriter.Write(Path.Combine(inbox, "minutes.docx"), OfficeText.Sample("council-minutes-1911.txt", "Council minutes"));
        File.WriteAllText(Path.Combine(inbox, "broken.pdf"), "%PDF-1.4\nthis is not really a PDF");
        return Directory.EnumerateFiles(inbox).Count();
    }

    /// <summary>What `doctor` on a worker's machine finds in the environment: the broker and its password.</summary>
    private static Dictionary<string, string> DoctorEnvironment(ShelfWithWorkers setup) =>
        new(setup.Environment) { ["DOCSHELF_Queue"] = setup.Address };

    private static string SampleDoc(string name) => Path.Combine(RepositoryPaths.SampleDocs, name);

    /// <summary>The same folder read by `docshelf ingest` on a shelf of its own, with no broker; returns its data folder.</summary>
    private async Task<string> ReadAloneAsync(string inbox)
    {
        var data = folder.File($"alone-{Guid.NewGuid():N}");
        var ingest = await CliRunner.RunAsync(data, "ingest", inbox);
        Assert.True(ingest.ExitCode is 0 or 2, ingest.ToString());
        return data;
    }

    private static async Task<IReadOnlyList<string>> MeaningHitsAsync(string data, string query)
    {
        var search = await CliRunner.RunAsync(data, "search", "--json", "--mode", "semantic", query);
        Assert.True(search.ExitCode == 0, search.ToString());
        using var json = JsonDocument.Parse(search.Output);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => $"{r.GetProperty("chunkId").GetString()} {r.GetProperty("score").GetDouble():0.0000}")];
    }

    /// <summary>The same documents keep page sources on both shelves, and a source that is the file's own bytes is those bytes on both.</summary>
    private static void AssertSamePageSources(string reference, string shelf)
    {
        var expected = Directory.GetFiles(Path.Combine(reference, "page-sources")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Directory.GetFiles(Path.Combine(shelf, "page-sources")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var id in expected)
        {
            var kept = File.ReadAllBytes(Path.Combine(reference, "page-sources", id!));
            if (Convert.ToHexStringLower(SHA256.HashData(kept)).StartsWith(id!, StringComparison.Ordinal))
            {
                Assert.Equal(kept, File.ReadAllBytes(Path.Combine(shelf, "page-sources", id!)));
            }
        }
    }

    private static string FilesQueue => "docshelf.files.";

    /// <summary>Messages waiting in the queue named <paramref name="name"/>, or in the files queue when given its prefix.</summary>
    private static async Task<int> WaitingAsync(LoopbackBroker broker, string name) =>
        (await broker.QueuesAsync()).Where(q => name == FilesQueue ? q.Key.StartsWith(FilesQueue, StringComparison.Ordinal) && q.Key != "docshelf.files.dead" : q.Key == name).Sum(q => q.Value);

    /// <summary>No file or reading waits, none was dead-lettered unhandled, and no transfer's parts were left behind.</summary>
    private static async Task AssertNothingLeftAsync(LoopbackBroker broker)
    {
        // The broker counts a quorum queue's messages as its log is applied: a moment after an acknowledgement.
        IReadOnlyDictionary<string, int> queues = new Dictionary<string, int>();
        await Eventually.HoldsAsync(
            async () => (queues = await broker.QueuesAsync()).Where(q => q.Key != QueueTopology.Workers && q.Key != QueueTopology.Shelf).All(q => q.Value == 0),
            "no message waits on the broker but heartbeats and the shelf's identity",
            TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(queues.Keys, name => name.StartsWith("docshelf.parts.", StringComparison.Ordinal));
    }

    private static async Task DuplicateOneResultAsync(LoopbackBroker broker)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var result = await channel.BasicGetAsync("docshelf.results", autoAck: false) ?? throw new InvalidOperationException("no result waits");
        await channel.BasicPublishAsync("", "docshelf.results", mandatory: true, new BasicProperties { Persistent = true }, result.Body.ToArray());
        await channel.BasicNackAsync(result.DeliveryTag, multiple: false, requeue: true);
    }
}
