using DocShelf.Core.Documents;

namespace DocShelf.Core.Reading;

/// <summary>
/// The file the viewer's page images are drawn from: the PDF itself, an office document laid out as a PDF, or an
/// image file's frames.
/// </summary>
/// <param name="Kind">What <paramref name="Path"/> is: a PDF or an image kind.</param>
/// <param name="Password">The password that opens an encrypted PDF.</param>
public sealed record PageDrawing(FileKind Kind, string Path, string? Password = null);
