using DocShelf.Cli.Settings;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Readers.Office;
using DocShelf.Ingestion.Tools;
using DocShelf.Models.Library;
using DocShelf.Ocr.Tesseract;

namespace DocShelf.Cli.Doctor;

/// <summary>
/// What the machine must have for DocShelf to read: Tesseract with its languages and orientation data, poppler,
/// LibreOffice with its Python bridge for office files, msgconvert for Outlook messages, and models whose bytes are
/// the pinned ones.
/// </summary>
public static class InstallationChecks
{
    public static async Task<List<Finding>> RunAsync(string data, ShelfSettings settings, CancellationToken cancellationToken)
    {
        var tesseract = Tesseract();
        var installed = TesseractLanguages.Find();
        List<Finding> found = [tesseract, Languages(installed, settings.OcrLanguages), Orientation(installed)];
        found.Add(await PopplerAsync(cancellationToken));
        found.Add(await OfficeAsync(cancellationToken));
        found.Add(await OutlookAsync(cancellationToken));
        found.Add(Models(data));
        return found;
    }

    private static Finding Tesseract()
    {
        try
        {
            return Finding.Ok("tesseract", $"Tesseract {TesseractEngine.Version}");
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return Finding.Problem("tesseract", $"the Tesseract library could not be loaded: {error.Message}", "apt-get install tesseract-ocr libtesseract5");
        }
    }

    private static Finding Languages(InstalledLanguages installed, string languages)
    {
        var missing = installed.Missing(languages);
        return missing.Count == 0
            ? Finding.Ok("ocr languages", $"{languages} installed ({string.Join(", ", installed.Languages)} in all)")
            : Finding.Problem(
                "ocr languages",
                $"OcrLanguages asks for {string.Join(", ", missing)}, which Tesseract does not have",
                $"apt-get install {string.Join(' ', missing.Select(l => "tesseract-ocr-" + l.Replace('_', '-').ToLowerInvariant()))}");
    }

    private static Finding Orientation(InstalledLanguages installed) =>
        installed.HasOrientationData
            ? Finding.Ok("orientation data", "osd installed: sideways and upside-down scans are turned before reading")
            : Finding.Problem("orientation data", "Tesseract's orientation data (osd) is missing, so turned scans are read as they lie", "apt-get install tesseract-ocr-osd");

    private static async Task<Finding> PopplerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await ChildProcess.RunAsync("pdftoppm", ["-v"], ToolLimits.Default, cancellationToken);
            var version = result.FirstErrorLine;
            return Finding.Ok("poppler", string.IsNullOrWhiteSpace(version) ? "pdftoppm runs" : version.Trim());
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Finding.Problem("poppler", $"pdftoppm could not be run: {error.Message}", "apt-get install poppler-utils");
        }
    }

    /// <summary>Lays out a one-line RTF document through the office converter, as reading an office file does.</summary>
    private static async Task<Finding> OfficeAsync(CancellationToken cancellationToken)
    {
        const string Install = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui python3-uno";
        var scratch = Directory.CreateTempSubdirectory("docshelf-doctor-");
        try
        {
            var sample = Path.Combine(scratch.FullName, "sample.rtf");
            await File.WriteAllTextAsync(sample, @"{\rtf1\ansi DocShelf office check.}", cancellationToken);
            using var converter = new OfficeConverter(Path.Combine(scratch.FullName, "profile"), ToolLimits.Default, []);
            var laidOut = await converter.ConvertAsync(new FileToRead(sample, FileKind.Rtf, scratch.FullName), OfficeTarget.Pdf, cancellationToken);
            return File.Exists(laidOut)
                ? Finding.Ok("office files", "LibreOffice lays out Word, OpenDocument, RTF and PowerPoint files, and opens spreadsheets")
                : Finding.Problem("office files", "LibreOffice wrote nothing for a one-line document", Install);
        }
        catch (Exception error) when (error is UnreadableFileException or ToolTimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return Finding.Problem("office files", $"office files cannot be read: {error.Message}", Install);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task<Finding> OutlookAsync(CancellationToken cancellationToken)
    {
        try
        {
            // msgconvert loads both; Debian's package only recommends the second.
            var result = await ChildProcess.RunAsync("perl", ["-MEmail::Outlook::Message", "-MEmail::Address", "-e", "1"], ToolLimits.Default, cancellationToken);
            return result.Succeeded
                ? Finding.Ok("outlook messages", "msgconvert turns Outlook .msg files into the messages they hold")
                : Finding.Problem("outlook messages", "msgconvert's library is missing, so Outlook .msg files are refused", "apt-get install libemail-outlook-message-perl libemail-address-perl");
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Finding.Problem("outlook messages", $"perl could not be run: {error.Message}", "apt-get install libemail-outlook-message-perl libemail-address-perl");
        }
    }

    private static Finding Models(string data)
    {
        var problems = new ModelLibrary(data).Verify();
        return problems.Count == 0
            ? Finding.Ok("models", "every model's files match their pinned sha256")
            : Finding.Problem("models", string.Join("; ", problems), "reinstall DocShelf for the built-in model; import an imported model again with docshelf models import");
    }
}
