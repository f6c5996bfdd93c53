namespace DocShelf.Benchmarks;

/// <summary>Median seconds per upright page: the tesseract command, DocShelf's engine, and the engine without straightening.</summary>
public sealed record UprightCost(int Pages, double Command, double DocShelf, double Unstraightened);
