using System.Globalization;

namespace DocShelf.Models.Gguf;

/// <summary>Whether this machine has the memory a GGUF model needs, checked before loading it.</summary>
public static class MemoryNeed
{
    /// <summary>llama.cpp's working buffers beside the weights and the cache; an allowance, not a measurement.</summary>
    private const long WorkingBytes = 256L << 20;

    /// <summary>The weights, the key-value cache of the context, and the working buffers.</summary>
    public static long Of(GgufFacts facts, int contextTokens) => facts.WeightBytes + facts.CacheBytes(contextTokens) + WorkingBytes;

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

    /// <exception cref="GgufException">The model needs more than is available.</exception>
    public static void Check(GgufFacts facts, int contextTokens, string name)
    {
        var need = Of(facts, contextTokens);
        var available = Available();
        if (need > available)
        {
            throw new GgufException(
                $"{name} needs about {Gigabytes(need)} of memory ({Gigabytes(facts.WeightBytes)} of weights, {Gigabytes(facts.CacheBytes(contextTokens))} of cache for " +
                $"{contextTokens:N0} tokens of context), and this machine has {Gigabytes(available)} available: choose a smaller quantisation or model, or free memory.");
        }
    }

    private static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB");
}
