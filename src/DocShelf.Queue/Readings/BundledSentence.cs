namespace DocShelf.Queue.Readings;

/// <summary>One sentence's span in its chunk's text and its vector's float32 bytes.</summary>
public sealed record BundledSentence(int Start, int End, byte[] Vector);
