namespace DocShelf.Benchmarks;

/// <summary>
/// One round of the OCR throughput comparison, in seconds: the command page after page single-threaded (wall and
/// processor time) and with its defaults, and `docshelf ingest` (wall and processor time).
/// </summary>
public sealed record ThroughputRound(double SingleThread, double SingleThreadCpu, double Defaults, double Ingest, double IngestCpu);
