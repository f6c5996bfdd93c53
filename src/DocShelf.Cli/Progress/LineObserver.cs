using DocShelf.Cli.Output;
using DocShelf.Ingestion.Running;

namespace DocShelf.Cli.Progress;

/// <summary>One line per finished file, for logs and pipes where a progress bar would be noise.</summary>
public sealed class LineObserver : IIngestionObserver
{
    private readonly Lock gate = new();

    public void FileStarted(string path)
    {
    }

    public void PageRecognised(string path, int page, int pagesToRecognise)
    {
    }

    public void FileFinished(FileOutcome outcome)
    {
        var line = outcome.Status switch
        {
            FileStatus.Indexed => $"indexed      {outcome.Path} ({Plural.Of(outcome.Pages, "page")}, {outcome.OcrPages} by OCR, {Plural.Of(outcome.Chunks, "chunk")}, {outcome.Elapsed.TotalSeconds:0.0} s)",
            FileStatus.AlreadyOnShelf => $"unchanged    {outcome.Path} (already on the shelf as {outcome.DocumentId})",
            _ => $"quarantined  {outcome.Path}: {outcome.Reason}",
        };
        lock (gate)
        {
            Console.Out.WriteLine(line);
        }
    }
}
