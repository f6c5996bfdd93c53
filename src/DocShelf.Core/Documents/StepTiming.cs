namespace DocShelf.Core.Documents;

/// <summary>How long one ingestion step took on a document's file.</summary>
public sealed record StepTiming(string Step, double Milliseconds);
