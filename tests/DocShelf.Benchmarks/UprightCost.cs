namespace DocShelf.Benchmarks;

/// <summary>Median wall and processor seconds per upright page: the tesseract command, DocShelf's engine, and the engine without straightening.</summary>
public sealed record UprightCost(int Pages, (double Wall, double Cpu) Command, (double Wall, double Cpu) DocShelf, (double Wall, double Cpu) Unstraightened);
