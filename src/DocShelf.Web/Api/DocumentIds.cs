using System.Text.RegularExpressions;

namespace DocShelf.Web.Api;

/// <summary>Document ids are 16 lower-case hex digits; anything else is refused before it goes near the store or the disk.</summary>
public static partial class DocumentIds
{
    public static bool IsWellFormed(string id) => Pattern().IsMatch(id);

    // \z, not $: "$" also matches before a final line feed, so "…%0a" would pass.
    [GeneratedRegex(@"\A[0-9a-f]{16}\z")]
    private static partial Regex Pattern();
}
