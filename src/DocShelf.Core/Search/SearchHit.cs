using System.Text.Json.Serialization;

namespace DocShelf.Core.Search;

/// <summary>One search result: always enough to cite the document, page and chunk.</summary>
public sealed record SearchHit
{
    public required string DocumentId { get; init; }

    public required string Path { get; init; }

    public required int Page { get; init; }

    /// <summary>What the page is called where its number says little: the sheet, the chapter or section; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PageLabel { get; init; }

    public required string ChunkId { get; init; }

    /// <summary>The title the document gives itself (an e-mail's subject, an office file's title); null when it gives none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    /// <summary>Who wrote the document, as its metadata says; null when it does not say.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Author { get; init; }

    /// <summary>The date the document bears (YYYY, YYYY-MM or YYYY-MM-DD), from its metadata or its first page; null when none is read.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Dated { get; init; }

    /// <summary>For a document inside another, where it came from: "attachment 2 of 3 of 'Re: harbour dues', 2 March 1894".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Origin { get; init; }

    public required double Score { get; init; }

    /// <summary>Whether the chunk holds the query's words or was found by meaning alone.</summary>
    public required HitMatch Match { get; init; }

    public required string Snippet { get; init; }

    /// <summary>Where the query terms sit in <see cref="Snippet"/>.</summary>
    public IReadOnlyList<TextSpan> Highlights { get; init; } = [];
}
