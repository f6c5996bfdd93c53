using DocShelf.Core.Queue;
using DocShelf.Fixtures;

namespace DocShelf.Search.Tests;

public sealed class FileQueueTests : IDisposable
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder data = new();
    private readonly Shelf shelf;

    public FileQueueTests() => shelf = Shelf.OpenForWriting(data.Path);

    [Fact]
    public void A_version_is_queued_once_and_a_new_version_is_queued_again()
    {
        Assert.True(shelf.Writer!.Enqueue("/in/a.pdf", 100, Monday));
        Assert.False(shelf.Writer!.Enqueue("/in/a.pdf", 100, Monday));
        Assert.True(shelf.Writer!.Enqueue("/in/a.pdf", 120, Monday.AddMinutes(1)));

        var entry = shelf.Queue.Find("/in/a.pdf")!;
        Assert.Equal((FileState.Queued, 120L), (entry.State, entry.Bytes));
    }

    [Fact]
    public void The_oldest_queued_files_come_first_and_files_in_hand_are_skipped()
    {
        shelf.Writer!.Enqueue("/in/a.pdf", 1, Monday);
        shelf.Writer!.Enqueue("/in/b.pdf", 1, Monday);
        shelf.Writer!.Enqueue("/in/c.pdf", 1, Monday);

        var next = shelf.Queue.NextQueued(2, new HashSet<string> { "/in/a.pdf" });

        Assert.Equal(["/in/b.pdf", "/in/c.pdf"], next.Select(e => e.Path));
    }

    [Fact]
    public void Files_left_processing_by_a_kill_are_requeued_until_they_run_out_of_attempts()
    {
        shelf.Writer!.Enqueue("/in/a.pdf", 1, Monday);
        shelf.Writer!.Enqueue("/in/b.pdf", 1, Monday);
        shelf.Writer!.StartReading("/in/a.pdf", 1, Monday);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            shelf.Writer!.StartReading("/in/b.pdf", 1, Monday);
            if (attempt < 2)
            {
                Assert.Empty(shelf.Writer!.RecoverInterrupted(maxAttempts: 3));
            }
        }

        var exhausted = shelf.Writer!.RecoverInterrupted(maxAttempts: 3);

        Assert.Equal(["/in/b.pdf"], exhausted.Select(e => e.Path));
        Assert.Equal(FileState.Queued, shelf.Queue.Find("/in/a.pdf")!.State);
        Assert.Equal(1, shelf.Queue.Find("/in/a.pdf")!.Attempts);
    }

    [Fact]
    public void Reading_a_new_version_starts_its_attempts_again_in_the_same_write()
    {
        shelf.Writer!.StartReading("/in/a.pdf", 1, Monday);
        shelf.Writer!.StartReading("/in/a.pdf", 1, Monday);

        var changed = shelf.Writer!.StartReading("/in/a.pdf", 2, Monday.AddMinutes(1));

        Assert.Equal((FileState.Processing, 1, 2L), (changed.State, changed.Attempts, changed.Bytes));
        var stored = shelf.Queue.Find("/in/a.pdf")!;
        Assert.Equal((FileState.Processing, 1, 2L), (stored.State, stored.Attempts, stored.Bytes));
    }

    [Fact]
    public void A_clean_shutdown_requeues_without_counting_the_attempt()
    {
        shelf.Writer!.Enqueue("/in/a.pdf", 1, Monday);
        shelf.Writer!.StartReading("/in/a.pdf", 1, Monday);

        shelf.Writer!.Requeue("/in/a.pdf");

        Assert.Equal((FileState.Queued, 0), (shelf.Queue.Find("/in/a.pdf")!.State, shelf.Queue.Find("/in/a.pdf")!.Attempts));
    }

    [Fact]
    public void Retry_requeues_the_quarantined_paths_of_one_document_or_of_all()
    {
        var bad = ShelfBuilder.Document("bad1", "/in/x.pdf") with { Status = Core.Documents.DocumentStatus.Quarantined, Reason = "broken" };
        shelf.Writer!.Quarantine(bad, "/in/x.pdf");
        shelf.Writer.Quarantine(bad with { Id = "bad2" }, "/in/y.pdf");
        shelf.Writer!.Enqueue("/in/z.pdf", 1, Monday);
        Assert.Equal((1, 2, 0), (shelf.Queue.CountByState()[FileState.Queued], shelf.Queue.CountByState()[FileState.Quarantined], shelf.Queue.CountByState()[FileState.Indexed]));

        Assert.Equal(["/in/x.pdf"], shelf.Writer!.Retry("bad1"));
        Assert.Equal(["/in/y.pdf"], shelf.Writer!.Retry(null));
        Assert.Equal((3, 0), (shelf.Queue.CountByState()[FileState.Queued], shelf.Queue.CountByState()[FileState.Quarantined]));
    }

    [Fact]
    public void A_missing_file_keeps_the_time_it_was_first_missed_until_it_returns()
    {
        shelf.Writer!.Enqueue("/in/a.pdf", 1, Monday);

        shelf.Writer!.MarkMissing("/in/a.pdf", Monday);
        shelf.Writer!.MarkMissing("/in/a.pdf", Monday.AddMinutes(5));
        Assert.Equal(Monday, shelf.Queue.Find("/in/a.pdf")!.MissingSinceUtc);
        shelf.Writer!.Enqueue("/in/a.pdf", 1, Monday);

        Assert.Null(shelf.Queue.Find("/in/a.pdf")!.MissingSinceUtc);
    }

    [Fact]
    public void Entries_under_a_folder_do_not_include_a_sibling_with_the_same_prefix()
    {
        shelf.Writer!.Enqueue("/in/a.pdf", 1, Monday);
        shelf.Writer!.Enqueue("/inbox2/b.pdf", 1, Monday);

        Assert.Equal(["/in/a.pdf"], shelf.Queue.EntriesUnder("/in").Select(e => e.Path));
    }

    public void Dispose()
    {
        shelf.Dispose();
        data.Dispose();
    }
}
