using System.IO.Compression;
using AngleSharp.Html.Parser;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Core.Text;
using DocShelf.Ingestion.Readers.Html;

namespace DocShelf.Ingestion.Readers.Epub;

/// <summary>
/// Reads an EPUB a chapter a page (each content document of its spine, in reading order), labelled with the chapter's
/// first heading, as the text a reading system shows: the chapters are HTML, read as <see cref="HtmlReader"/> reads
/// a page, with nothing run and nothing fetched. Title, author and date come from the package.
/// </summary>
public sealed class EpubReader : IDocumentReader
{
    /// <summary>No chapter of a real book comes near this; a larger one is a zip bomb.</summary>
    private const long MaxChapterBytes = 64L * 1024 * 1024;

    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Epub];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file.Path);
        using var book = new ZipArchive(stream, ZipArchiveMode.Read);
        var package = EpubPackage.Read(book);
        var parser = new HtmlParser();
        var chapters = new List<(string? Label, string Text)>();
        foreach (var path in package.Spine)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (book.GetEntry(path) is not { } entry)
            {
                continue; // a spine entry the zip does not hold: the rest of the book is still read
            }

            using var chapter = await parser.ParseDocumentAsync(ZipEntries.ReadText(entry, MaxChapterBytes), cancellationToken);
            var sections = HtmlSections.Of(chapter, untitled: null);
            chapters.Add((sections.Select(s => s.Label).FirstOrDefault(l => l is not null), string.Join("\n\n", sections.Select(s => s.Text))));
        }

        var read = chapters.Where(c => c.Text.Length > 0).ToList();
        return read.Count == 0
            ? throw new UnreadableFileException("the EPUB has no chapter with text")
            : new DocumentReading
            {
                Pages = TextPages.Labelled(read),
                Properties = new DocumentProperties(package.Title, package.Creator, package.Date is { } date ? DocumentDate.Find(date) : null),
            };
    }
}
