using System.CommandLine;

namespace DocShelf.Cli.Commands;

public static class CommonOptions
{
    /// <summary>The data folder: every command takes it, so it is declared once on the root and inherited.</summary>
    public static Option<DirectoryInfo> Data { get; } = new("--data")
    {
        Description = "The shelf's data folder (default: $DOCSHELF_DATA, else ./data)",
        Recursive = true,
        DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("DOCSHELF_DATA") is { Length: > 0 } fromEnvironment ? fromEnvironment : "data"),
    };

    public static Option<bool> Json() => new("--json") { Description = "Write machine-readable JSON instead of text" };

    public static string DataDirectory(ParseResult result) => result.GetRequiredValue(Data).FullName;
}
