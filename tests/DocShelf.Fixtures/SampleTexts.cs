namespace DocShelf.Fixtures;

/// <summary>The project's own sample prose in Texts/: one file per document, pages separated by a line "===".</summary>
public static class SampleTexts
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Texts");

    public static IReadOnlyList<string> Pages(string name) =>
        File.ReadAllText(Path.Combine(Folder, name)).ReplaceLineEndings("\n")
            .Split("\n===\n", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every page of every sample text, in a fixed order.</summary>
    public static IReadOnlyList<string> AllPages() =>
        Directory.GetFiles(Folder, "*.txt").Order(StringComparer.Ordinal).SelectMany(f => Pages(Path.GetFileName(f))).ToList();
}
