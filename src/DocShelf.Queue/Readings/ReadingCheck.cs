using System.Text.RegularExpressions;
using DocShelf.Core.Documents;

namespace DocShelf.Queue.Readings;

/// <summary>
/// What the shelf requires of a worker's reading before any of it is published, since a worker is another machine:
/// the file's own document last, under the content that was sent; documents inside it only under names that cannot
/// reach outside the file ("//", a place, a plain name); every chunk, vector and page source belonging to the
/// document that carries it; and vectors of the shelf's width. Anything else refuses the whole reading.
/// </summary>
public static partial class ReadingCheck
{
    /// <param name="name">The file's name as it was sent.</param>
    /// <param name="sha256">The content that was sent.</param>
    /// <param name="dimensions">The shelf's vector width; null on a shelf searched by words alone.</param>
    /// <exception cref="InvalidDataException">The reading breaks one of the rules, which the message names.</exception>
    public static void Check(ReadingBundle reading, string name, string sha256, int? dimensions)
    {
        var documents = reading.Documents;
        if (documents.Count == 0 || documents[^1] is not { Path: var lastPath, Record: { Origin: null } file } || lastPath != name)
        {
            throw new InvalidDataException("the reading does not end with the file's own document");
        }

        if (file.Sha256 != sha256 || file.Id != DocumentRecord.IdFromSha256(sha256))
        {
            throw new InvalidDataException($"the reading is of content {file.Sha256}, not of the {sha256} sent");
        }

        var ids = documents.Select(d => d.Record.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.Count != documents.Count)
        {
            throw new InvalidDataException("the reading holds a document twice");
        }

        foreach (var document in documents.SkipLast(1))
        {
            CheckInner(document, name, ids);
        }

        foreach (var document in documents)
        {
            CheckContent(document, document == documents[^1], dimensions);
        }
    }

    private static void CheckInner(BundledDocument document, string name, HashSet<string> ids)
    {
        var record = document.Record;
        if (!document.Path.StartsWith(name, StringComparison.Ordinal) || !InnerPath().IsMatch(document.Path[name.Length..]))
        {
            throw new InvalidDataException($"a document of the reading is named {document.Path}, not as a document inside {name}");
        }

        if (record.Origin is not { } origin || !ids.Contains(origin.ParentId) || !IsSha256(record.Sha256) || record.Id != DocumentRecord.IdOfAttachment(origin, record.Sha256))
        {
            throw new InvalidDataException($"{document.Path} in the reading does not say which document of the file holds it");
        }
    }

    private static void CheckContent(BundledDocument document, bool isFile, int? dimensions)
    {
        var record = document.Record;
        var id = record.Id;
        if (id.Length == 0 || !id.All(char.IsAsciiHexDigitLower) || record.Status is not (DocumentStatus.Indexed or DocumentStatus.Quarantined))
        {
            throw new InvalidDataException($"{document.Path} in the reading has no proper id or status");
        }

        if (document.Pages.Select(p => p.Number).Where((number, i) => number != i + 1).Any())
        {
            throw new InvalidDataException($"the pages of {document.Path} in the reading are not numbered from 1 in order");
        }

        var chunks = document.Chunks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        if (chunks.Count != document.Chunks.Count || document.Chunks.Any(c => c.DocumentId != id || !c.Id.StartsWith(id + "/", StringComparison.Ordinal) || c.PageNumber < 1 || c.PageNumber > document.Pages.Count))
        {
            throw new InvalidDataException($"{document.Path} in the reading holds chunks of another document or page");
        }

        var vectors = document.Vectors.Select(v => (v.ChunkId, v.Vector)).Concat(document.Sentences.SelectMany(s => s.Sentences.Select(v => (s.ChunkId, v.Vector))));
        if (vectors.Any(v => !chunks.ContainsKey(v.ChunkId) || dimensions is not { } width || v.Vector.Length != width * sizeof(float)))
        {
            throw new InvalidDataException($"{document.Path} in the reading holds vectors of no chunk of its own, or not of the shelf's model's width");
        }

        if (document.Sentences.Any(s => s.Sentences.Any(v => v.Start < 0 || v.End <= v.Start || v.End > chunks[s.ChunkId].Text.Length)))
        {
            throw new InvalidDataException($"{document.Path} in the reading holds a sentence outside its chunk");
        }

        if (document.PageSource is { } source && !(isFile && source == BundledDocument.OriginalSource) && source != ReadingCollector.EntryName(id))
        {
            throw new InvalidDataException($"{document.Path} in the reading draws its pages from {source}, which is not its own");
        }
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    /// <summary>"//", a place, "/", a name without slashes or control characters that is not "." or "..", as many times as documents nest.</summary>
    [GeneratedRegex(@"^(//[0-9]+/(?!\.\.?(//|$))[^/\\\p{Cc}]+)+$")]
    private static partial Regex InnerPath();
}
