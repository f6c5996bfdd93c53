using DocShelf.Core.Documents;

namespace DocShelf.Core.Reading;

/// <summary>A file handed to its reader.</summary>
/// <param name="Path">Where to read the file (a path to the one opening the runner made).</param>
/// <param name="Kind">What the bytes were judged to be.</param>
/// <param name="WorkDirectory">A private scratch folder, removed when the file is done; anything the reader leaves for later steps goes here.</param>
public sealed record FileToRead(string Path, FileKind Kind, string WorkDirectory);
