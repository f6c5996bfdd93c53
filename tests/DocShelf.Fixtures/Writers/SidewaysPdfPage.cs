namespace DocShelf.Fixtures.Writers;

/// <summary>A portrait page whose text runs up the page, as a wide table is set sideways: the text layer itself is rotated.</summary>
public sealed record SidewaysPdfPage(string Text) : PdfPage;
