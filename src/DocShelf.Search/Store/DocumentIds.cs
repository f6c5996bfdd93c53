namespace DocShelf.Search.Store;

/// <summary>What a document id looks like where it names a file or folder in the data folder.</summary>
internal static class DocumentIds
{
    /// <summary>Lower-case hex digits only, so an id can never name a path outside its folder.</summary>
    public static bool IsWellFormed(string id) => id.Length > 0 && id.All(char.IsAsciiHexDigitLower);
}
