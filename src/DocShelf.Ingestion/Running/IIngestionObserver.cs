namespace DocShelf.Ingestion.Running;

/// <summary>Hears about progress as it happens; called from worker threads.</summary>
public interface IIngestionObserver
{
    void FileStarted(string path);

    /// <summary>A page of <paramref name="path"/> finished OCR.</summary>
    void PageRecognised(string path, int page, int pagesToRecognise);

    void FileFinished(FileOutcome outcome);
}
