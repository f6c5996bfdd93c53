namespace DocShelf.Cli.Output;

public static class Plural
{
    /// <summary>"1 page", "3 pages".</summary>
    public static string Of(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
