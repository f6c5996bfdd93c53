using DocShelf.Core.Documents;
using DocShelf.Queue.Readings;

namespace DocShelf.Queue.Tests;

/// <summary>
/// What the shelf requires of a worker's reading before publishing any of it: a reading that names a path outside
/// its file, claims other content, or carries chunks, vectors or page sources of documents not its own is refused.
/// </summary>
public sealed class ReadingCheckTests
{
    private const string Name = "minutes.eml";
    private const int Width = 4;
    private static readonly string FileSha = new('a', 64);
    private static readonly string AttachedSha = new('b', 64);
    private static readonly string FileId = DocumentRecord.IdFromSha256(FileSha);
    private static readonly DocumentOrigin Origin = new(FileId, 1, 1, Name, null, false);
    private static readonly string AttachedId = DocumentRecord.IdOfAttachment(Origin, AttachedSha);

    public static TheoryData<string, Func<ReadingBundle, ReadingBundle>> Hostile => new()
    {
        { "a name that climbs out of the file", r => WithAttached(r, d => d with { Path = Name + "//1/../../../etc/passwd" }) },
        { "a name that is the parent folder", r => WithAttached(r, d => d with { Path = Name + "//1/.." }) },
        { "a path of the worker's machine", r => WithAttached(r, d => d with { Path = "/etc/passwd" }) },
        { "a name with a control character", r => WithAttached(r, d => d with { Path = Name + "//1/a\nb.pdf" }) },
        { "the file under other content", r => WithFile(r, d => d with { Record = d.Record with { Sha256 = AttachedSha } }) },
        { "an attachment whose id is not its content's", r => WithAttached(r, d => d with { Record = d.Record with { Id = FileId[..15] + "0" } }) },
        { "an attachment of a document not in the reading", r => WithAttached(r, d => d with { Record = d.Record with { Origin = Origin with { ParentId = "0123456789abcdef" } } }) },
        { "the file's own document not last", r => r with { Documents = [.. r.Documents.Reverse()] } },
        { "a chunk of another document", r => WithFile(r, d => d with { Chunks = [Chunk(AttachedId, 1)] }) },
        { "a chunk of a page the document lacks", r => WithFile(r, d => d with { Chunks = [Chunk(FileId, 2)], Vectors = [] }) },
        { "a vector of another document's chunk", r => WithFile(r, d => d with { Vectors = [new BundledVector($"{AttachedId}/1/0", Vector())] }) },
        { "a vector of another width", r => WithFile(r, d => d with { Vectors = [new BundledVector($"{FileId}/1/0", new byte[3 * sizeof(float)])] }) },
        { "a sentence past its chunk's end", r => WithFile(r, d => d with { Sentences = [new BundledSentences($"{FileId}/1/0", [new BundledSentence(0, 999, Vector())])] }) },
        { "another document's page source", r => WithAttached(r, d => d with { PageSource = ReadingCollector.EntryName(FileId) }) },
        { "the sent file as an attachment's pages", r => WithAttached(r, d => d with { PageSource = BundledDocument.OriginalSource }) },
        { "a page source outside the reading's sources", r => WithAttached(r, d => d with { PageSource = "../../shelf.db" }) },
        { "pages out of order", r => WithFile(r, d => d with { Pages = [Page(2)] }) },
    };

    [Fact]
    public void A_reading_of_the_file_sent_with_its_attachment_passes()
    {
        ReadingCheck.Check(Reading(), Name, FileSha, Width);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_reading_with_is_refused_whole(string what, Func<ReadingBundle, ReadingBundle> spoil)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReadingCheck.Check(spoil(Reading()), Name, FileSha, Width));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), what);
    }

    [Fact]
    public void Vectors_sent_to_a_shelf_searched_by_words_alone_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => ReadingCheck.Check(Reading(), Name, FileSha, dimensions: null));
    }

    /// <summary>An e-mail with one PDF attached, as a worker's collector lays it out: the attachment first, then the file.</summary>
    private static ReadingBundle Reading()
    {
        var attached = new BundledDocument(
            Record(AttachedId, AttachedSha, Origin), Name + "//1/letters.pdf", [Page(1)], [Chunk(AttachedId, 1)], [new BundledVector($"{AttachedId}/1/0", Vector())], [], ReadingCollector.EntryName(AttachedId));
        var file = new BundledDocument(
            Record(FileId, FileSha, origin: null), Name, [Page(1)], [Chunk(FileId, 1)], [new BundledVector($"{FileId}/1/0", Vector())],
            [new BundledSentences($"{FileId}/1/0", [new BundledSentence(0, 10, Vector())])], PageSource: null);
        return new ReadingBundle([attached, file]);
    }

    private static ReadingBundle WithFile(ReadingBundle reading, Func<BundledDocument, BundledDocument> change) =>
        reading with { Documents = [.. reading.Documents.SkipLast(1), change(reading.Documents[^1])] };

    private static ReadingBundle WithAttached(ReadingBundle reading, Func<BundledDocument, BundledDocument> change) =>
        reading with { Documents = [change(reading.Documents[0]), .. reading.Documents.Skip(1)] };

    private static DocumentRecord Record(string id, string sha256, DocumentOrigin? origin) =>
        new() { Id = id, Sha256 = sha256, Kind = FileKind.Pdf, Status = DocumentStatus.Indexed, Origin = origin };

    private static PageContent Page(int number) => new() { Number = number, Source = PageSource.TextLayer, Text = "The harbour commission met in May." };

    private static Chunk Chunk(string documentId, int page) =>
        new() { Id = Core.Documents.Chunk.MakeId(documentId, page, 0), DocumentId = documentId, PageNumber = page, Start = 0, End = 34, Text = "The harbour commission met in May." };

    private static byte[] Vector() => new byte[Width * sizeof(float)];
}
