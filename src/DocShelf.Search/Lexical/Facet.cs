namespace DocShelf.Search.Lexical;

/// <summary>How an enum value is written in an index field: its name in lower case.</summary>
internal static class Facet
{
    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
