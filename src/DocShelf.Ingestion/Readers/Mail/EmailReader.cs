using DocShelf.Core.Documents;
using DocShelf.Core.Reading;
using MimeKit;

namespace DocShelf.Ingestion.Readers.Mail;

/// <summary>Reads one RFC 822 / MIME message (.eml) with MimeKit; see <see cref="MessageReading"/>.</summary>
public sealed class EmailReader : IDocumentReader
{
    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.Email];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file.Path);
        using var message = await MimeMessage.LoadAsync(MailParsing.Options, stream, cancellationToken);
        return await MessageReading.ReadAsync(message, file.WorkDirectory, cancellationToken);
    }
}
