using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using MimeKit;

namespace DocShelf.Ingestion.Readers.Mail;

/// <summary>
/// Reads a mailbox: each message becomes a document of its own (left in the work folder, read after the mailbox), and
/// the mailbox's own pages list them, a line a message with its date, sender and subject, a page every
/// <see cref="MessagesPerPage"/>. MimeKit parses the file a message at a time, so a mailbox of gigabytes never sits in
/// memory whole.
/// </summary>
public sealed class MboxReader : IDocumentReader
{
    public const int MessagesPerPage = 200;

    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Mbox];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file.Path);
        var parser = new MimeParser(MailParsing.Options, stream, MimeFormat.Mbox);
        var messages = new List<AttachedFile>();
        var lines = new List<string>();
        while (!parser.IsEndOfStream)
        {
            using var message = await parser.ParseMessageAsync(cancellationToken);
            var path = Path.Combine(file.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"message-{messages.Count + 1}.eml"));
            await message.WriteToAsync(path, cancellationToken);
            var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(no subject)" : message.Subject.Trim();
            messages.Add(new AttachedFile(path, subject));
            var date = MessageReading.DatedOf(message) ?? "";
            lines.Add($"{messages.Count}. {date} {message.From} {subject}".Replace("  ", " ", StringComparison.Ordinal));
        }

        var pages = lines.Chunk(MessagesPerPage).Select((chunk, i) => (Label: (string?)Range(i, chunk.Length), Text: string.Join('\n', chunk)));
        return new DocumentReading
        {
            Pages = TextPages.Labelled(lines.Count > 0 ? pages : [(null, "")]),
            Attachments = messages,
        };
    }

    private static string Range(int page, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"messages {(page * MessagesPerPage) + 1}–{(page * MessagesPerPage) + count}");
}
