using System.Globalization;

namespace DocShelf.Models.Generation;

/// <summary>Whether this machine has the memory a local chat model needs, checked before loading it.</summary>
public static class MemoryNeed
{
    /// <summary>The runtime's working buffers beside the weights and the cache; an allowance, not a measurement.</summary>
    private const long WorkingBytes = 256L << 20;

    /// <summary>The weights, the key-value cache of the context, and the working buffers.</summary>
    public static long Of(long weightBytes, long cacheBytes) => weightBytes + cacheBytes + WorkingBytes;

    /// <summary>What the kernel says can be given to a new program without swapping (MemAvailable).</summary>
    public static long Available()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return long.MaxValue;
    }

    /// <param name="name">The model as the user knows it, for the message.</param>
    /// <param name="cacheBytes">The key-value cache for <paramref name="contextTokens"/> tokens.</param>
    /// <exception cref="ChatModelException">The model needs more than is available.</exception>
    public static void Check(string name, long weightBytes, long cacheBytes, int contextTokens)
    {
        var need = Of(weightBytes, cacheBytes);
        var available = Available();
        if (need > available)
        {
            throw new ChatModelException(
                $"{name} needs about {Gigabytes(need)} of memory ({Gigabytes(weightBytes)} of weights, {Gigabytes(cacheBytes)} of cache for " +
                $"{contextTokens:N0} tokens of context), and this machine has {Gigabytes(available)} available: choose a smaller quantisation or model, or free memory.");
        }
    }

    private static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB");
}
