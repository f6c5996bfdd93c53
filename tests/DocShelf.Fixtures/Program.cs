using DocShelf.Fixtures;
using DocShelf.Fixtures.Benchmarks;
using DocShelf.Fixtures.Layouts;
using DocShelf.Fixtures.Office;

// Generates the sample shelf and the larger shelves benchmarks run on.
var usage = """
    usage:
      DocShelf.Fixtures sample-shelf DIR          the demo shelf committed in sample-docs/
      DocShelf.Fixtures scans DIR COUNT           COUNT scanned-looking 300-dpi PNG pages
      DocShelf.Fixtures born-digital DIR PAGES    one text-layer PDF of PAGES pages
      DocShelf.Fixtures text-shelf DIR FILES      FILES text files of about ten chunks each
      DocShelf.Fixtures archive-pages DIR COUNT   COUNT full pages in columns, turned or skewed (DIR/pages), and their text (DIR/truth)
      DocShelf.Fixtures formats DIR COPIES        COPIES files of every office, web, markup and text format (needs LibreOffice)
    """;
if (args.Length < 2)
{
    Console.Error.WriteLine(usage);
    return 1;
}

var folder = args[1];
var count = args.Length > 2 && int.TryParse(args[2], out var n) ? n : 20;
IReadOnlyList<string> written = args[0] switch
{
    "sample-shelf" => SampleShelf.Generate(folder),
    "scans" => BenchmarkShelves.Scans(folder, count),
    "born-digital" => BenchmarkShelves.BornDigital(folder, count),
    "text-shelf" => BenchmarkShelves.TextShelf(folder, count),
    "archive-pages" => ArchivePages.WriteMixed(folder, count),
    "formats" => [.. (await FormatSamples.WriteAsync(folder, Path.Combine(Path.GetTempPath(), "docshelf-fixtures-office"), count)).Select(s => s.Path)],
    _ => [],
};
if (written.Count == 0)
{
    Console.Error.WriteLine(usage);
    return 1;
}

Console.WriteLine($"wrote {written.Count} files to {Path.GetFullPath(folder)}");
return 0;
