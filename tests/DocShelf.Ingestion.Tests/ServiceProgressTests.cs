using DocShelf.Ingestion.Running;
using DocShelf.Ingestion.Watching;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocShelf.Ingestion.Tests;

/// <summary>The status's pace counts pages as they are read, and its estimate moves only with the work left and the pace.</summary>
public sealed class ServiceProgressTests
{
    private readonly HandClock clock = new();
    private readonly ServiceProgress progress;

    public ServiceProgressTests() => progress = new ServiceProgress(NullLogger.Instance, clock);

    [Fact]
    public void A_scan_being_read_shows_its_pace_and_the_time_its_last_pages_need()
    {
        progress.FileStarted("/inbox/scan.pdf");
        for (var page = 1; page <= 6; page++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            progress.PageRecognised("/inbox/scan.pdf", page, 8);
        }

        var (pagesPerMinute, eta) = progress.Pace(queuedFiles: 0);

        Assert.Equal(6, pagesPerMinute, 3); // six pages in the minute since the file started
        Assert.Equal(20, eta!.Value, 3); // two pages left at ten seconds each
    }

    [Fact]
    public void At_a_steady_pace_the_estimate_only_shrinks_as_pages_are_read()
    {
        // Three four-page scans, one page every ten seconds: the estimate must fall at each page, never rise.
        var estimates = new List<double>();
        for (var file = 0; file < 3; file++)
        {
            var path = $"/inbox/scan-{file}.pdf";
            progress.FileStarted(path);
            for (var page = 1; page <= 4; page++)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                progress.PageRecognised(path, page, 4);
                if (progress.Pace(queuedFiles: 2 - file).EtaSeconds is { } eta)
                {
                    estimates.Add(eta);
                }
            }

            progress.FileFinished(new FileOutcome { Path = path, Status = FileStatus.Indexed, Pages = 4 });
        }

        Assert.Equal(12, estimates.Count);
        Assert.All(estimates.Zip(estimates.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"the estimate rose from {pair.First} to {pair.Second}: {string.Join(", ", estimates)}"));
        Assert.Equal(0, estimates[^1], 3);
    }

    [Fact]
    public void Pages_not_read_one_by_one_count_when_their_file_is_done_and_nothing_counts_twice()
    {
        progress.FileStarted("/inbox/report.pdf");
        clock.Advance(TimeSpan.FromSeconds(30));
        progress.PageRecognised("/inbox/report.pdf", 1, 1); // one scanned page among twenty with a text layer
        progress.FileFinished(new FileOutcome { Path = "/inbox/report.pdf", Status = FileStatus.Indexed, Pages = 20 });

        Assert.Equal(40, progress.Pace(queuedFiles: 0).PagesPerMinute, 3); // 20 pages in 30 s
    }

    private sealed class HandClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
