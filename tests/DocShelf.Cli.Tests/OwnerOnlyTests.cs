using System.Diagnostics;
using System.Runtime.Versioning;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Fixtures.Writers;
using DocShelf.Rendering;

namespace DocShelf.Cli.Tests;

/// <summary>
/// The shelf and its backups are their owner's alone whatever umask DocShelf is started with, and doctor reports a
/// shelf or backup another user could read.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyTests : IDisposable
{
    private const UnixFileMode OthersAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TempFolder folder = new();

    [Fact]
    public async Task Under_umask_022_every_folder_and_file_of_the_shelf_and_its_backup_is_owner_only()
    {
        var data = folder.File("data");
        var papers = Papers();
        var backups = folder.File("backups");

        var ingest = await RunUnderUmaskAsync("022", "--data", data, "ingest", papers);
        var backup = await RunUnderUmaskAsync("022", "--data", data, "backup", backups + "/");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var open = Entries(data).Concat(Entries(backups)).Where(path => (File.GetUnixFileMode(path) & OthersAccess) != 0)
            .Select(path => $"{path} {Convert.ToString((int)File.GetUnixFileMode(path), 8)}").ToList();
        Assert.True(open.Count == 0, "open to others: " + string.Join(", ", open));
        Assert.Contains(Entries(data), path => Path.GetFileName(Path.GetDirectoryName(path)) == "page-sources"); // copies of the papers were among them
        Assert.Single(Directory.GetFiles(backups, "*.tar.gz"));
    }

    [Fact]
    public async Task Doctor_reports_a_shelf_and_a_backup_other_users_can_read_and_the_next_opening_closes_the_shelf()
    {
        var data = folder.File("data");
        var backups = folder.File("backups");
        Assert.Equal(0, (await CliRunner.RunAsync(data, "ingest", Papers())).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(data, "backup", backups + "/")).ExitCode);
        File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(Path.Combine(data, "shelf.db"), (UnixFileMode)Convert.ToInt32("644", 8));
        var archive = Directory.GetFiles(backups, "*.tar.gz").Single();
        File.SetUnixFileMode(archive, (UnixFileMode)Convert.ToInt32("644", 8));

        var doctor = await CliRunner.RunAsync(data, "doctor", "--backups", backups);

        Assert.Equal(1, doctor.ExitCode);
        Assert.Contains($"private shelf: {data} is open to other users (mode 755); other users can read shelf.db (mode 644)", doctor.Output, StringComparison.Ordinal);
        Assert.Contains($"chmod -R go-rwx {data}", doctor.Output, StringComparison.Ordinal);
        Assert.Contains($"private backups: 1 backups in {backups} can be read by other users: {Path.GetFileName(archive)}", doctor.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRunner.RunAsync(data, "ingest", Papers())).ExitCode);
        Assert.Equal("700", Convert.ToString((int)File.GetUnixFileMode(data), 8));
    }

    public void Dispose() => folder.Dispose();

    /// <summary>A folder holding a born-digital PDF and a text file.</summary>
    private string Papers()
    {
        var papers = folder.Folder("papers");
        if (Directory.GetFiles(papers).Length == 0)
        {
            PdfWriter.Write(Path.Combine(papers, "harbour.pdf"), SampleTexts.Pages("harbour-commission-report.txt").Take(2).Select(PdfPage.WithText), "Harbour");
            File.Copy(Path.Combine(SampleTexts.Folder, "ferry-notice.txt"), Path.Combine(papers, "ferry.txt"));
        }

        return papers;
    }

    private static IEnumerable<string> Entries(string folder) => [folder, .. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)];

    /// <summary>Runs the real docshelf from a shell that first sets the umask, as a user's login shell would.</summary>
    private static Task<CliResult> RunUnderUmaskAsync(string umask, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in (string[])["-c", $"umask {umask} && exec dotnet \"$0\" \"$@\"", Path.Combine(AppContext.BaseDirectory, "docshelf.dll"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return CliRunner.RunAsync(start);
    }
}
