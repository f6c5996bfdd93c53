using System.Text.RegularExpressions;

namespace DocShelf.Web.Api;

/// <summary>Document ids are 16 lower-case hex digits; anything else is refused before it goes near the store or the disk.</summary>
public static partial class DocumentIds
{
    public static bool IsWellFormed(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex Pattern();
}
