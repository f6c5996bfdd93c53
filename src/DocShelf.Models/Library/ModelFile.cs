namespace DocShelf.Models.Library;

/// <summary>One file of a model, by its path inside the model's folder, with the sha256 it must have.</summary>
public sealed record ModelFile(string Path, string Sha256, long Bytes);
