namespace DocShelf.Ingestion.Watching;

/// <summary>A file being read now, and the OCR page it has reached (0 before OCR starts).</summary>
public sealed record FileInProgress(string Path, int Page, int Pages, DateTime StartedUtc);
