using DocShelf.Fixtures.Testing;

namespace DocShelf.Benchmarks;

/// <summary>Recoll (Debian's recollcmd), the desktop search DocShelf is measured beside: its index of a folder.</summary>
public static class Recoll
{
    public static bool IsInstalled => Tool.IsOnPath("recollindex") && Tool.IsOnPath("recollq");

    /// <summary>Indexes <paramref name="folder"/> into a configuration folder of its own, and times it.</summary>
    public static async Task<TimeSpan> IndexAsync(string configuration, string folder)
    {
        Directory.CreateDirectory(configuration);
        await File.WriteAllTextAsync(Path.Combine(configuration, "recoll.conf"), $"topdirs = {folder}\n");
        return await Measure.RunAsync("recollindex", ["-c", configuration]);
    }
}
