namespace DocShelf.Fixtures.Writers;

public sealed record TextPdfPage(string Text) : PdfPage;
