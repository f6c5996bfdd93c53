using System.Diagnostics;
using System.Globalization;

namespace DocShelf.Cli.Backup;

/// <summary>A line on standard error every few seconds while a backup is packed or unpacked.</summary>
public sealed class ByteProgress(string doing, long total) : IProgress<long>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastReport;

    public void Report(long value)
    {
        if (clock.Elapsed - lastReport < Interval)
        {
            return;
        }

        lastReport = clock.Elapsed;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{doing}: {Megabytes(value)} of {Megabytes(total)}"));
    }

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
}
