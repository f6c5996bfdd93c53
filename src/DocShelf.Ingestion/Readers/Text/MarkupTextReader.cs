using DocShelf.Core.Documents;
using DocShelf.Core.Reading;

namespace DocShelf.Ingestion.Readers.Text;

/// <summary>
/// Reads a text file of one kind in any common encoding (UTF-8 or -16, Windows-1252, Latin-1...) as the text its
/// markup stands for, a page per form feed: plain text as it is, Markdown, AsciiDoc, reStructuredText and Org
/// without their markup.
/// </summary>
/// <param name="toPlain">Turns one page of the file's text into the words a reader sees.</param>
public sealed class MarkupTextReader(FileKind kind, Func<string, string> toPlain) : IDocumentReader
{
    public IReadOnlyCollection<FileKind> Kinds { get; } = [kind];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var source = await TextFile.ReadAsync(file.Path, cancellationToken);
        // Split first: a form feed is a page break in every markup, and markup never spans one.
        var pages = source.Split('\f').Select(page => toPlain(page.ReplaceLineEndings("\n")));
        return new DocumentReading { Pages = TextPages.Split(string.Join('\f', pages)) };
    }
}
