namespace DocShelf.Queue.Readings;

/// <summary>A chunk's vector, as its float32 values' bytes (little-endian), which JSON carries as base64.</summary>
public sealed record BundledVector(string ChunkId, byte[] Vector);
