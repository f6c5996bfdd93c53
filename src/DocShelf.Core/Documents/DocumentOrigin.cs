using System.Globalization;

namespace DocShelf.Core.Documents;

/// <summary>Where a document inside another came from: which message or mailbox holds it, and where in it.</summary>
/// <param name="ParentId">The document that holds it.</param>
/// <param name="Position">1-based: attachment 2, message 5.</param>
/// <param name="Count">How many the parent holds.</param>
/// <param name="ParentName">The parent's subject or title, or its file name.</param>
/// <param name="ParentDated">The parent's date, as <see cref="DocumentRecord.Dated"/> gives dates.</param>
/// <param name="InMailbox">True for a message of a mailbox, false for an attachment.</param>
public sealed record DocumentOrigin(string ParentId, int Position, int Count, string ParentName, string? ParentDated, bool InMailbox)
{
    /// <summary>"attachment 2 of 3 of 'Re: harbour dues', 2 March 1894", or "message 5 of 312 in archive.mbox".</summary>
    public string Describe() => InMailbox
        ? string.Create(CultureInfo.InvariantCulture, $"message {Position} of {Count} in {ParentName}")
        : string.Create(CultureInfo.InvariantCulture, $"attachment {Position} of {Count} of '{ParentName}'") + (Spelled(ParentDated) is { } date ? ", " + date : "");

    /// <summary>"1894-03-02" as "2 March 1894"; a month or a year as it is.</summary>
    private static string? Spelled(string? dated) =>
        DateOnly.TryParseExact(dated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : dated;
}
