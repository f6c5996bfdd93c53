namespace DocShelf.Ingestion.Tools;

/// <summary>What a child process left behind: its exit code and the tail of its error output.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Most this many characters of error output are kept beside a reason.</summary>
    private const int DetailLength = 600;

    /// <summary>The error output's distinct lines, trimmed and cut short, to keep beside a reason in the tool's own words.</summary>
    public string? ErrorDetail
    {
        get
        {
            var lines = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(6);
            var detail = string.Join('\n', lines);
            return detail.Length == 0 ? null : detail.Length > DetailLength ? detail[..DetailLength] + "…" : detail;
        }
    }

    /// <summary>The first meaningful line of the error output, for a one-line reason.</summary>
    public string FirstErrorLine =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {ExitCode}";
}
