namespace DocShelf.Queue.Readings;

/// <summary>The vectors of a chunk's sentences, each with where it lies in the chunk's text.</summary>
public sealed record BundledSentences(string ChunkId, IReadOnlyList<BundledSentence> Sentences);
