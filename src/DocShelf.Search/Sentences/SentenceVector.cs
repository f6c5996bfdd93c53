namespace DocShelf.Search.Sentences;

/// <summary>One sentence's vector and where the sentence lies in its chunk's text.</summary>
public sealed record SentenceVector(int Start, int End, ReadOnlyMemory<float> Vector);
