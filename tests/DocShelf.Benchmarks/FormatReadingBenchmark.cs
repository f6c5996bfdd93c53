using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocShelf.Core.Documents;
using DocShelf.Fixtures.Office;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Running;
using DocShelf.Search;

namespace DocShelf.Benchmarks;

/// <summary>
/// (p) Every office, web, markup and text format: a generated folder of a few hundred files read one at a time on a
/// words-only shelf, seconds a file and word accuracy against the words each file was written with, per format;
/// beside it, the reference tool's time on the same files, one file and one process at a time
/// (`libreoffice --headless --convert-to pdf` then `pdftotext` for office files, pandoc, Python's csv, iconv).
/// </summary>
public static class FormatReadingBenchmark
{
    /// <summary>Files of each format the reference tools are timed on (LibreOffice takes seconds a file).</summary>
    private const int ReferenceFiles = 3;

    public static async Task<string> RunAsync(string workFolder, int copies)
    {
        var folder = Path.Combine(workFolder, "formats");
        var samples = await FormatSamples.WriteAsync(folder, Path.Combine(workFolder, "formats-profile"), copies);
        using var shelf = Shelf.OpenForWriting(Path.Combine(workFolder, "formats-data"));
        using var chain = IngestionChain.Create(shelf, new IngestionOptions { Parallelism = 1 });
        var warm = Stopwatch.StartNew();
        var warmUp = Path.Combine(workFolder, "warm-up.docx");
        DocxWriter.Write(warmUp, FormatSamples.Text(copies + 1));
        await chain.Runner.RunAsync([warmUp], SilentObserver.Instance, CancellationToken.None);
        var startup = warm.Elapsed;

        var clock = Stopwatch.StartNew();
        var summary = await chain.Runner.RunAsync([.. samples.Select(s => s.Path)], SilentObserver.Instance, CancellationToken.None);
        var wall = clock.Elapsed;
        var outcomes = summary.Files.ToDictionary(f => f.Path);
        var table = new StringBuilder("| format | files | read | DocShelf s a file | word accuracy (mean, lowest) | reference tool | its s a file |\n| --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        foreach (var group in samples.GroupBy(s => (s.Kind, Extension: Path.GetExtension(s.Path))))
        {
            var read = group.Where(s => outcomes[s.Path].Status == FileStatus.Indexed).ToList();
            var accuracies = read.Select(s => WordAccuracy.Of(s.Text, TextOf(shelf, outcomes[s.Path].DocumentId))).ToList();
            var seconds = group.Average(s => outcomes[s.Path].Elapsed.TotalSeconds);
            var (tool, toolSeconds) = await ReferenceAsync(group.Key.Kind, group.Key.Extension, [.. group.Take(ReferenceFiles).Select(s => s.Path)], workFolder);
            table.Append(CultureInfo.InvariantCulture,
                $"| {group.Key.Extension} ({group.Key.Kind.DisplayName()}) | {group.Count()} | {read.Count} | {seconds:0.000} | {(accuracies.Count > 0 ? accuracies.Average() : 0):0.000}, {(accuracies.Count > 0 ? accuracies.Min() : 0):0.000} | {tool} | {toolSeconds:0.000} |\n");
        }

        return $"""
            ### (p) Reading every format

            {samples.Count} files ({copies} of each format, {Path.GetFileName(folder)}/ from `DocShelf.Fixtures formats`), read one at a time onto a
            words-only shelf in {wall.TotalSeconds:0.0} s ({samples.Count / wall.TotalSeconds:0.0} files a second); starting LibreOffice and reading a
            first document took {startup.TotalSeconds:0.0} s before that. The reference tools ran on {ReferenceFiles} files of each format, a process a file.

            {table}
            """;
    }

    /// <summary>What a user without DocShelf does: LibreOffice lays the file out as PDF, pdftotext reads it.</summary>
    private static async Task LayOutAndReadAsync(string file, string output, string profile)
    {
        await Measure.RunAsync("soffice", ["--headless", "--norestore", profile, "--convert-to", "pdf", "--outdir", output, file]);
        await Measure.RunAsync("pdftotext", [Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".pdf"), "-"]);
    }

    private static string TextOf(Shelf shelf, string documentId) => string.Join("\n", shelf.Store.PagesOf(documentId).Select(p => p.Text));

    /// <summary>The reference tool for the format, and its mean seconds a file on <paramref name="files"/>.</summary>
    private static async Task<(string Tool, double Seconds)> ReferenceAsync(FileKind kind, string extension, IReadOnlyList<string> files, string workFolder)
    {
        var output = Directory.CreateDirectory(Path.Combine(workFolder, "reference-" + extension.TrimStart('.'))).FullName;
        var profile = $"-env:UserInstallation=file://{Path.Combine(workFolder, "reference-profile")}";
        Func<string, Task>? run = kind switch
        {
            _ when kind.IsLaidOutByOffice() || kind.IsSpreadsheet() => file => LayOutAndReadAsync(file, output, profile),
            FileKind.Html or FileKind.Epub or FileKind.Markdown or FileKind.ReStructuredText or FileKind.Org => file =>
                Measure.RunAsync("pandoc", ["--from", kind == FileKind.Markdown ? "markdown" : kind == FileKind.ReStructuredText ? "rst" : kind.ToName(), "--to", "plain", file]),
            FileKind.DelimitedText => file => Measure.RunAsync("/usr/bin/python3", ["-c", "import csv, sys\nfor row in csv.reader(open(sys.argv[1])): print(' '.join(row))", file]),
            FileKind.Email => file => Measure.RunAsync("/usr/bin/python3", ["-c", "import sys\nfrom email import policy\nfrom email.parser import BytesParser\nm = BytesParser(policy=policy.default).parse(open(sys.argv[1], 'rb'))\nprint(m['Subject'], m.get_body().get_content())", file]),
            FileKind.Mbox => file => Measure.RunAsync("/usr/bin/python3", ["-c", "import mailbox, sys\nfor m in mailbox.mbox(sys.argv[1]): print(m['Date'], m['From'], m['Subject'])", file]),
            FileKind.OutlookMessage => file => Measure.RunAsync("msgconvert", ["--outfile", Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".eml"), file]),
            FileKind.PlainText => file => Measure.RunAsync("iconv", ["--from-code", file.Contains("utf-16", StringComparison.Ordinal) ? "UTF-16" : "WINDOWS-1252", "--to-code", "UTF-8", file]),
            _ => null,
        };
        if (run is null)
        {
            return ("none", 0);
        }

        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            await run(file);
        }

        var name = kind switch
        {
            _ when kind.IsLaidOutByOffice() || kind.IsSpreadsheet() => "soffice --convert-to pdf, pdftotext",
            FileKind.DelimitedText => "python3 csv",
            FileKind.Email => "python3 email",
            FileKind.Mbox => "python3 mailbox",
            FileKind.OutlookMessage => "msgconvert",
            FileKind.PlainText => "iconv",
            _ => "pandoc -t plain",
        };
        return (name, clock.Elapsed.TotalSeconds / files.Count);
    }
}
