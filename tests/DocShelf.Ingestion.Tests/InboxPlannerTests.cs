using DocShelf.Core.Queue;
using DocShelf.Ingestion.Watching;

namespace DocShelf.Ingestion.Tests;

/// <summary>The watcher's decisions alone, on a clock the test moves: no file watcher, no disk, no sleeping.</summary>
public sealed class InboxPlannerTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly WatchOptions Options = new()
    {
        Inboxes = ["/in"],
        Settle = TimeSpan.FromSeconds(5),
        Rescan = TimeSpan.FromMinutes(10),
        DeleteGrace = TimeSpan.FromMinutes(1),
    };

    private readonly InboxPlanner planner = new(Options, slots: 2);

    [Fact]
    public void A_new_file_is_queued_only_once_it_has_stood_still_for_the_settle_period()
    {
        Idle();
        var copying = Sighting("/in/a.pdf", bytes: 100);
        planner.FileSeen(copying, known: null, Start);

        Assert.Empty(planner.Decide(Start.AddSeconds(4)));
        Assert.Equal([new WatchDecision.LookAgain("/in/a.pdf")], planner.Decide(Start.AddSeconds(5)));

        planner.Looked("/in/a.pdf", copying with { Bytes = 200 }, Start.AddSeconds(5)); // still growing
        Assert.Empty(planner.Decide(Start.AddSeconds(9)));
        Assert.Equal([new WatchDecision.LookAgain("/in/a.pdf")], planner.Decide(Start.AddSeconds(10)));

        planner.Looked("/in/a.pdf", copying with { Bytes = 200 }, Start.AddSeconds(10));
        Assert.Equal(
            [new WatchDecision.Queue("/in/a.pdf", 200, copying.ModifiedUtc), new WatchDecision.ReadQueued(2)],
            planner.Decide(Start.AddSeconds(10)));
    }

    [Fact]
    public void A_file_that_vanishes_while_settling_is_dropped()
    {
        Idle();
        planner.FileSeen(Sighting("/in/a.pdf"), known: null, Start);

        planner.Looked("/in/a.pdf", file: null, Start.AddSeconds(5));

        Assert.Equal(0, planner.Settling);
        Assert.Empty(planner.Decide(Start.AddSeconds(30)));
    }

    [Fact]
    public void A_known_version_is_not_queued_again_unless_it_is_a_link_read_before_links_were_refused()
    {
        Idle();
        var file = Sighting("/in/a.pdf");
        planner.FileSeen(file, Indexed(file), Start);
        Assert.Empty(planner.Decide(Start.AddSeconds(10)));

        planner.FileSeen(file with { IsLink = true }, Indexed(file), Start.AddSeconds(10));
        Assert.Equal([new WatchDecision.Reread("/in/a.pdf"), new WatchDecision.ReadQueued(2)], planner.Decide(Start.AddSeconds(10)));
    }

    [Fact]
    public void A_deleted_file_is_marked_missing_and_forgotten_once_the_grace_period_is_over()
    {
        Idle();
        var entry = Indexed(Sighting("/in/a.pdf"));
        planner.FileGone("/in/a.pdf", [entry], Start);
        Assert.Equal([new WatchDecision.MarkMissing("/in/a.pdf", Start)], planner.Decide(Start));
        var missing = entry with { MissingSinceUtc = Start };

        Assert.Empty(planner.Decide(Start.AddSeconds(59)));
        Assert.Equal([new WatchDecision.CheckMissing()], planner.Decide(Start.AddSeconds(60)));
        planner.MissingChecked([(missing, null)], Start.AddSeconds(60));

        Assert.Equal([new WatchDecision.Forget("/in/a.pdf")], planner.Decide(Start.AddSeconds(60)));
    }

    [Fact]
    public void A_missing_file_that_comes_back_loses_its_mark_and_stays()
    {
        Idle();
        var file = Sighting("/in/a.pdf");
        var missing = Indexed(file) with { MissingSinceUtc = Start };

        planner.MissingChecked([(missing, file)], Start.AddSeconds(60));

        Assert.Equal([new WatchDecision.Queue("/in/a.pdf", file.Bytes, file.ModifiedUtc)], planner.Decide(Start.AddSeconds(60)));
    }

    [Fact]
    public void A_moved_file_keeps_its_document_because_nothing_is_forgotten_while_its_new_path_waits()
    {
        Idle();
        var old = Indexed(Sighting("/in/a.pdf")) with { MissingSinceUtc = Start };
        planner.FileSeen(Sighting("/in/sub/a.pdf"), known: null, Start);
        var later = Start.AddSeconds(60);

        planner.MissingChecked([(old, null)], later);
        var decisions = planner.Decide(later);
        Assert.DoesNotContain(new WatchDecision.Forget("/in/a.pdf"), decisions);
        Assert.Contains(new WatchDecision.LookAgain("/in/sub/a.pdf"), decisions);

        // The new path is queued and read; only then may the old path go.
        planner.Looked("/in/sub/a.pdf", Sighting("/in/sub/a.pdf"), later);
        Assert.Contains(new WatchDecision.ReadQueued(2), planner.Decide(later));
        planner.ReadingStarted(["/in/sub/a.pdf"], asked: 2);
        Assert.Equal([new WatchDecision.CheckMissing()], planner.Decide(later.AddSeconds(1)));
        planner.MissingChecked([(old, null)], later.AddSeconds(1));
        Assert.Empty(planner.Decide(later.AddSeconds(1)));

        planner.ReadingFinished("/in/sub/a.pdf");
        Assert.Equal([new WatchDecision.ReadQueued(2)], planner.Decide(later.AddSeconds(1.5)));
        planner.ReadingStarted([], asked: 2);
        Assert.Equal([new WatchDecision.CheckMissing()], planner.Decide(later.AddSeconds(2)));
        planner.MissingChecked([(old, null)], later.AddSeconds(2));
        Assert.Equal([new WatchDecision.Forget("/in/a.pdf")], planner.Decide(later.AddSeconds(2)));
    }

    [Fact]
    public void A_file_being_read_is_not_forgotten_however_long_it_has_been_missing()
    {
        Idle();
        var reading = Indexed(Sighting("/in/a.pdf")) with { State = FileState.Processing, MissingSinceUtc = Start };

        planner.MissingChecked([(reading, null)], Start.AddMinutes(10));

        Assert.DoesNotContain(planner.Decide(Start.AddMinutes(10)), d => d is WatchDecision.Forget);
    }

    [Fact]
    public void A_folder_moved_away_marks_every_file_that_was_in_it_missing_at_once()
    {
        Idle();
        planner.FileGone("/in/1998", [Indexed(Sighting("/in/1998/a.pdf")), Indexed(Sighting("/in/1998/b.pdf"))], Start);

        Assert.Equal(
            [new WatchDecision.MarkMissing("/in/1998/a.pdf", Start), new WatchDecision.MarkMissing("/in/1998/b.pdf", Start)],
            planner.Decide(Start));
    }

    [Fact]
    public void The_inboxes_are_walked_at_start_every_rescan_period_and_when_events_were_lost()
    {
        Assert.Contains(new WatchDecision.Walk(), planner.Decide(Start));
        planner.Walked([], [], Start);
        Assert.DoesNotContain(new WatchDecision.Walk(), planner.Decide(Start.AddMinutes(9)));
        Assert.Contains(new WatchDecision.Walk(), planner.Decide(Start.AddMinutes(10)));

        planner.WalkNeeded();
        Assert.Contains(new WatchDecision.Walk(), planner.Decide(Start.AddMinutes(10).AddSeconds(1)));
    }

    [Fact]
    public void A_walk_starts_settling_new_files_and_marks_known_files_it_did_not_find_missing()
    {
        Idle();
        var kept = Sighting("/in/kept.pdf");
        planner.Walked([kept, Sighting("/in/new.pdf")], [Indexed(kept), Indexed(Sighting("/in/gone.pdf"))], Start);

        Assert.Equal([new WatchDecision.MarkMissing("/in/gone.pdf", Start)], planner.Decide(Start));
        Assert.Equal(1, planner.Settling);
    }

    [Fact]
    public void Queued_files_fill_the_free_readers_and_the_queue_is_asked_again_only_when_it_may_have_more()
    {
        Idle();
        planner.RetryRequested("bad1");
        Assert.Equal([new WatchDecision.Retry("bad1"), new WatchDecision.ReadQueued(2)], planner.Decide(Start));

        planner.ReadingStarted(["/in/a.pdf", "/in/b.pdf"], asked: 2);
        Assert.Empty(planner.Decide(Start.AddSeconds(1))); // no reader free

        planner.ReadingFinished("/in/a.pdf");
        Assert.Equal([new WatchDecision.ReadQueued(1)], planner.Decide(Start.AddSeconds(2)));
        planner.ReadingStarted([], asked: 1);
        Assert.Empty(planner.Decide(Start.AddSeconds(3))); // the queue said it was empty
        Assert.True(planner.Busy);
        Assert.Equal(Options.Tick, planner.NextWake);

        planner.ReadingFinished("/in/b.pdf");
        planner.Decide(Start.AddSeconds(4));
        planner.ReadingStarted([], asked: 2);
        Assert.False(planner.Busy);
        Assert.Equal(Options.IdleTick, planner.NextWake);
    }

    /// <summary>Takes the start-up walk and the first look at the queue, leaving the planner idle at <see cref="Start"/>.</summary>
    private void Idle()
    {
        Assert.Equal([new WatchDecision.Walk()], planner.Decide(Start));
        planner.Walked([], [], Start);
        Assert.Equal([new WatchDecision.ReadQueued(2)], planner.Decide(Start));
        planner.ReadingStarted([], asked: 2);
    }

    private static FileSighting Sighting(string path, long bytes = 1_000) => new(path, bytes, Start.AddDays(-1), IsLink: false);

    private static FileEntry Indexed(FileSighting file) => new()
    {
        Id = file.Path,
        State = FileState.Indexed,
        DocumentId = "doc",
        Bytes = file.Bytes,
        ModifiedTicks = file.ModifiedUtc.Ticks,
    };
}
