using DocShelf.Core.Documents;

namespace DocShelf.Core.Search;

/// <summary>Narrows a search; an empty list or a null date lets everything through.</summary>
public sealed record SearchFilters
{
    public static readonly SearchFilters None = new();

    /// <summary>Only chunks of documents of these kinds.</summary>
    public IReadOnlyList<FileKind> Kinds { get; init; } = [];

    /// <summary>Only chunks of pages whose text came from these sources.</summary>
    public IReadOnlyList<PageSource> Sources { get; init; } = [];

    /// <summary>Only documents added to the shelf at or after this moment.</summary>
    public DateTime? AddedSinceUtc { get; init; }

    /// <summary>Only documents bearing a date (<see cref="DocumentRecord.Dated"/>) in this year or later.</summary>
    public int? DatedFromYear { get; init; }

    /// <summary>Only documents bearing a date in this year or earlier.</summary>
    public int? DatedToYear { get; init; }

    /// <summary>Whether the filters ask for documents by the date they bear.</summary>
    public bool ByDate => DatedFromYear is not null || DatedToYear is not null;

    /// <summary>Only chunks of this one document: the viewer's way through a document's hits.</summary>
    public string? DocumentId { get; init; }

    public bool IsEmpty => Kinds.Count == 0 && Sources.Count == 0 && AddedSinceUtc is null && DocumentId is null && !ByDate;
}
