namespace DocShelf.Ingestion.Tools;

/// <summary>Bounds on one run of a poppler tool, so a hostile PDF cannot hang or exhaust the machine.</summary>
public sealed record ToolLimits(TimeSpan Timeout, long MemoryBytes)
{
    public static ToolLimits Default { get; } = new(TimeSpan.FromMinutes(2), 2L * 1024 * 1024 * 1024);
}
