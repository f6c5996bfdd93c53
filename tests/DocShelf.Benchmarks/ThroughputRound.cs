namespace DocShelf.Benchmarks;

/// <summary>One round of the OCR throughput comparison, in seconds: the command page after page, single-threaded and with its defaults, and `docshelf ingest`.</summary>
public sealed record ThroughputRound(double SingleThread, double Defaults, double Ingest);
