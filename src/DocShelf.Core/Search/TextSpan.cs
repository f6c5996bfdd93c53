namespace DocShelf.Core.Search;

public readonly record struct TextSpan(int Start, int Length);
