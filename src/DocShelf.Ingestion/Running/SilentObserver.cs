namespace DocShelf.Ingestion.Running;

public sealed class SilentObserver : IIngestionObserver
{
    public static SilentObserver Instance { get; } = new();

    public void FileStarted(string path)
    {
    }

    public void PageRecognised(string path, int page, int pagesToRecognise)
    {
    }

    public void FileFinished(FileOutcome outcome)
    {
    }
}
