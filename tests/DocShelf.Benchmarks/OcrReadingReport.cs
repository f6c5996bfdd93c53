using System.Globalization;
using System.Text;

namespace DocShelf.Benchmarks;

/// <summary>Writes the OCR reading benchmark as Markdown: one table of accuracy and time by page kind and reader, then the ratios.</summary>
public static class OcrReadingReport
{
    public static string Format(int pages, IReadOnlyList<Reading> readings, UprightCost upright, IReadOnlyList<ThroughputRound> throughput)
    {
        var readers = readings.Select(r => r.Reader).Distinct().ToList();
        var kinds = readings.Select(r => r.Kind).Distinct().ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### (k) Reading {pages} archive pages: in-order word accuracy and seconds per page");
        text.AppendLine();
        text.AppendLine("| pages | " + string.Join(" | ", readers) + " | DocShelf turned / deskewed |");
        text.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", readers.Count)) + " --- |");
        foreach (var kind in kinds)
        {
            var ofKind = readings.Where(r => r.Kind == kind).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind} ({ofKind.Count(r => r.Reader == readers[0])}) | {Cells(ofKind, readers)} | {Geometry(ofKind)} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **all** | {Cells(readings, readers)} | |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"""
            Each cell is mean in-order word accuracy (1 − word edit distance ÷ words on the page), then mean seconds per page.
            Upright single-column pages, median of 3 rounds over {upright.Pages} pages, wall / processor seconds: the `tesseract PAGE -` command
            {upright.Command.Wall:0.000} / {upright.Command.Cpu:0.000} s, DocShelf's engine {upright.DocShelf.Wall:0.000} / {upright.DocShelf.Cpu:0.000} s
            (**{upright.DocShelf.Wall / upright.Command.Wall:0.00}× / {upright.DocShelf.Cpu / upright.Command.Cpu:0.00}×** the command), the engine without
            orientation detection and deskew {upright.Unstraightened.Wall:0.000} / {upright.Unstraightened.Cpu:0.000} s: straightening costs
            {upright.DocShelf.Cpu - upright.Unstraightened.Cpu:0.000} processor seconds an upright page ({(upright.DocShelf.Cpu - upright.Unstraightened.Cpu) / upright.Unstraightened.Cpu:P0} of its recognition).
            `docshelf ingest` of all {pages} pages on {Environment.ProcessorCount} cores into a fresh shelf, against the command on each page one after another,
            and against the single-threaded command two pages at a time (what the two cores give Tesseract at best):

            | round | command, `OMP_THREAD_LIMIT=1` | command, two at a time | `docshelf ingest` | ingest ÷ command | ingest ÷ two at a time | two at a time ÷ command | processor time, ingest ÷ command |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
            {Rounds(throughput)}

            Median round, `docshelf ingest` ÷ the command one page after another: **{Median(throughput):0.00}**.

            """);
        return text.ToString();
    }

    private static string Rounds(IReadOnlyList<ThroughputRound> rounds)
    {
        var all = new ThroughputRound(
            rounds.Sum(r => r.SingleThread), rounds.Sum(r => r.SingleThreadCpu), rounds.Sum(r => r.TwoAtATime), rounds.Sum(r => r.Ingest), rounds.Sum(r => r.IngestCpu));
        return string.Join("\n", rounds.Select((r, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), r)).Append(Row("**all**", all)));
    }

    private static string Row(string name, ThroughputRound round) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {round.SingleThread:0.0} s | {round.TwoAtATime:0.0} s | {round.Ingest:0.0} s | **{round.IngestShare:0.00}** | **{round.Ingest / round.TwoAtATime:0.00}** | {round.TwoAtATime / round.SingleThread:0.00} | {round.IngestCpu / round.SingleThreadCpu:0.00} |");

    private static double Median(IReadOnlyList<ThroughputRound> rounds)
    {
        var shares = rounds.Select(r => r.IngestShare).Order().ToList();
        return shares.Count % 2 == 1 ? shares[shares.Count / 2] : (shares[(shares.Count / 2) - 1] + shares[shares.Count / 2]) / 2;
    }

    private static string Cells(IReadOnlyList<Reading> readings, IReadOnlyList<string> readers) =>
        string.Join(" | ", readers.Select(reader =>
        {
            var mine = readings.Where(r => r.Reader == reader).ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{mine.Average(r => r.Accuracy):0.000} / {mine.Average(r => r.Seconds):0.00} s");
        }));

    private static string Geometry(IReadOnlyList<Reading> readings)
    {
        var mine = readings.Where(r => r.Reader == "DocShelf" && r.Geometry is not null).Select(r => r.Geometry!).ToList();
        return string.Join(", ", mine.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Rotation}° / {g.Skew:0.0}°")).Distinct());
    }
}
