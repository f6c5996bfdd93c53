using DocShelf.Fixtures.Testing;

namespace DocShelf.Ingestion.Tests.Formats;

/// <summary>
/// How tools DocShelf does not contain read each format: LibreOffice's own text and CSV exports, pandoc's plain
/// text, poppler's pdftotext, iconv, and Python's csv module. The format tests hold DocShelf's text to theirs.
/// </summary>
public static class ReferenceReaders
{
    /// <summary>LibreOffice's text export of a word-processing document.</summary>
    public static async Task<string> LibreOfficeTextAsync(string path, string profile, string output)
    {
        await Soffice(profile, output, "txt:Text (encoded):UTF8", path);
        return await File.ReadAllTextAsync(Path.Combine(output, Path.GetFileNameWithoutExtension(path) + ".txt"));
    }

    /// <summary>LibreOffice's CSV export of every sheet of a workbook, by sheet name.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LibreOfficeSheetsAsync(string path, string profile, string output)
    {
        await Soffice(profile, output, "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1", path);
        var prefix = Path.GetFileNameWithoutExtension(path) + "-";
        return Directory.GetFiles(output, prefix + "*.csv").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file)[prefix.Length..],
            file => File.ReadAllText(file).Replace(',', ' ').Replace("\"", "", StringComparison.Ordinal));
    }

    /// <summary>pdftotext's reading of the PDF LibreOffice lays a document out as, by the `soffice` command.</summary>
    public static async Task<string> LibreOfficePdfTextAsync(string path, string profile, string output)
    {
        await Soffice(profile, output, "pdf", path);
        return await Tool.RunAsync("pdftotext", Path.Combine(output, Path.GetFileNameWithoutExtension(path) + ".pdf"), "-");
    }

    /// <param name="format">pandoc's name of the input format: html, epub, markdown, rst, org.</param>
    /// <param name="standalone">Whether the title and author the file declares are shown above its text, as an Org file shows them.</param>
    public static Task<string> PandocAsync(string path, string format, bool standalone = false) =>
        Tool.RunAsync("pandoc", ["--from", format, "--to", "plain", "--wrap=none", .. standalone ? ["--standalone"] : Array.Empty<string>(), path]);

    public static Task<string> IconvAsync(string path, string encoding) => Tool.RunAsync("iconv", "--from-code", encoding, "--to-code", "UTF-8", path);

    /// <summary>Python's csv module, its delimiter found by its own Sniffer, a line a row with cells apart by spaces.</summary>
    public static Task<string> PythonCsvAsync(string path) =>
        Tool.RunAsync("/usr/bin/python3", "-c",
            "import csv, sys\ntext = open(sys.argv[1], newline='').read()\ndialect = csv.Sniffer().sniff(text[:4096], delimiters=',;\\t|')\n" +
            "for row in csv.reader(text.splitlines(), dialect):\n    print(' '.join(row))",
            path);

    private static Task<string> Soffice(string profile, string output, string format, string path) =>
        Tool.RunAsync("soffice", "--headless", "--norestore", $"-env:UserInstallation=file://{profile}", "--convert-to", format, "--outdir", output, path);
}
