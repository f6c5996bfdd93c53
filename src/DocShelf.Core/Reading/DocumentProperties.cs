namespace DocShelf.Core.Reading;

/// <summary>What a file says about itself: an office file's or PDF's title and author, an e-mail's subject and sender.</summary>
/// <param name="Dated">The date it bears, as "1894-03-02", "1894-03" or "1894".</param>
public sealed record DocumentProperties(string? Title = null, string? Author = null, string? Dated = null)
{
    public static DocumentProperties None { get; } = new();
}
