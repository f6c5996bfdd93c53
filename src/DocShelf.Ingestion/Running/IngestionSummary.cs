namespace DocShelf.Ingestion.Running;

/// <summary>The closing account of a run.</summary>
public sealed record IngestionSummary(IReadOnlyList<FileOutcome> Files, TimeSpan Elapsed)
{
    public int Indexed => Files.Count(f => f.Status == FileStatus.Indexed);

    public int AlreadyOnShelf => Files.Count(f => f.Status == FileStatus.AlreadyOnShelf);

    public int Quarantined => Files.Count(f => f.Status == FileStatus.Quarantined);

    public int Pages => Files.Sum(f => f.Pages);

    public int OcrPages => Files.Sum(f => f.OcrPages);

    public int Chunks => Files.Sum(f => f.Chunks);
}
