using DocShelf.Core.Documents;

namespace DocShelf.Fixtures.Office;

/// <summary>A file of one format the fixtures wrote, with the words a reader of it must find.</summary>
/// <param name="Text">Every word the file shows, in reading order.</param>
/// <param name="Title">The title its properties or head give; null when it gives none.</param>
public sealed record FormatSample(string Path, FileKind Kind, string Text, string? Title = null);
