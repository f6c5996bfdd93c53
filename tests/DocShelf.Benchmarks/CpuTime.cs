using System.Runtime.InteropServices;

namespace DocShelf.Benchmarks;

/// <summary>
/// Processor time from getrusage: far steadier than wall time on a shared machine, since time another tenant takes
/// is not counted. Children count once they have exited and been waited for.
/// </summary>
public static partial class CpuTime
{
    private const int Children = -1;
    private const int CallingThread = 1;

    private const int ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User and system time of a running process so far, in seconds, from /proc.</summary>
    public static double OfProcess(int processId)
    {
        var fields = File.ReadAllText($"/proc/{processId}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 0, utime field 11, stime field 12.
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / (double)ClockTicksPerSecond;
    }

    /// <summary>User and system time of every exited child of this process so far.</summary>
    public static TimeSpan OfChildren() => Read(Children);

    /// <summary>User and system time of the calling thread so far.</summary>
    public static TimeSpan OfThisThread() => Read(CallingThread);

    private static TimeSpan Read(int who)
    {
        if (getrusage(who, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: {Marshal.GetLastPInvokeError()}");
        }

        return TimeSpan.FromMicroseconds((usage.UserSeconds * 1e6) + usage.UserMicroseconds + (usage.SystemSeconds * 1e6) + usage.SystemMicroseconds);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs this code does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private unsafe fixed long rest[14];
    }
}
