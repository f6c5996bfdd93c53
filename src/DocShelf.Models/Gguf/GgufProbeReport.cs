namespace DocShelf.Models.Gguf;

/// <summary>What trying a GGUF file found: what it says of itself, and the first words it wrote to a short question.</summary>
public sealed record GgufProbeReport(GgufFacts Facts, string Sample);
