using DocShelf.Fixtures.Testing;

namespace DocShelf.Fixtures.Office;

/// <summary>
/// Legacy office files (Word 97 .doc, Excel 97 .xls, PowerPoint 97 .ppt, RTF) made by LibreOffice itself from the
/// files the fixtures write, with the `soffice` command, in a private profile.
/// </summary>
public static class LegacyOffice
{
    /// <summary>Saves <paramref name="source"/> as <paramref name="target"/> in LibreOffice's <paramref name="filter"/>, protected by <paramref name="password"/>.</summary>
    public static Task ProtectAsync(string source, string target, string filter, string password, string profileFolder) =>
        Tool.RunAsync("/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Office", "protect.py"), profileFolder, source, target, filter, password);

    /// <param name="sources">Files to convert, in one run of LibreOffice.</param>
    /// <param name="format">LibreOffice's target: "doc", "xls", "ppt", "rtf", or any --convert-to argument.</param>
    /// <returns>The paths of the files written in <paramref name="outputFolder"/>, in the order of <paramref name="sources"/>.</returns>
    public static async Task<IReadOnlyList<string>> ConvertAsync(IReadOnlyList<string> sources, string format, string outputFolder, string profileFolder)
    {
        await Tool.RunAsync("soffice", ["--headless", "--norestore", $"-env:UserInstallation=file://{profileFolder}", "--convert-to", format, "--outdir", outputFolder, .. sources]);
        var extension = format.Split(':')[0];
        return sources
            .Select(source => Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(source) + "." + extension))
            .Select(written => File.Exists(written) ? written : throw new InvalidOperationException($"soffice wrote no {written}"))
            .ToList();
    }
}
