namespace DocShelf.Ingestion.Embedding;

/// <summary>The embedding model in use and how far its vectors have caught up with the shelf's chunks.</summary>
public sealed record EmbeddingProgress(string Model, long Vectors, int Remaining);
