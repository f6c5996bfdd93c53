using System.Globalization;

namespace DocShelf.Cli.Output;

public static class Bytes
{
    private static readonly string[] Units = ["bytes", "KB", "MB", "GB", "TB"];

    /// <summary>"812 bytes", "28 KB", "1.6 GB": three figures at most, in powers of 1,024.</summary>
    public static string Of(long bytes)
    {
        var (value, unit) = ((double)bytes, 0);
        while (value >= 1000 && unit < Units.Length - 1)
        {
            (value, unit) = (value / 1024, unit + 1);
        }

        var format = unit == 0 ? "{0} bytes" : value < 10 ? "{1:0.0} {2}" : "{1:0} {2}";
        return string.Format(CultureInfo.InvariantCulture, format, bytes, value, Units[unit]);
    }
}
