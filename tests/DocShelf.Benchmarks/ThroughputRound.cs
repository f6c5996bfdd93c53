namespace DocShelf.Benchmarks;

/// <summary>
/// One round of the OCR throughput comparison, in seconds: the command page after page single-threaded (wall and
/// processor time), the single-threaded command two pages at a time, and `docshelf ingest` (wall and processor time).
/// </summary>
public sealed record ThroughputRound(double SingleThread, double SingleThreadCpu, double TwoAtATime, double Ingest, double IngestCpu)
{
    public double IngestShare => Ingest / SingleThread;
}
