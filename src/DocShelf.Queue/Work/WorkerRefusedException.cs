namespace DocShelf.Queue.Work;

/// <summary>The shelf reads under another identity (DocShelf release, embedding model, OCR languages) than this worker.</summary>
public sealed class WorkerRefusedException(string message) : Exception(message);
