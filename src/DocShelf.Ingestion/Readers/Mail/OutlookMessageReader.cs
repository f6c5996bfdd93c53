using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Tools;
using MimeKit;

namespace DocShelf.Ingestion.Readers.Mail;

/// <summary>
/// Reads an Outlook message (.msg): Debian's msgconvert (Email::Outlook::Message) turns it into the MIME message it
/// stands for, under the tool limits, and that is read as any e-mail is (<see cref="MessageReading"/>).
/// </summary>
public sealed class OutlookMessageReader(ToolLimits limits) : IDocumentReader
{
    public IReadOnlyCollection<FileKind> Kinds { get; } = [FileKind.OutlookMessage];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        var source = Path.Combine(file.WorkDirectory, "source.msg");
        var converted = Path.Combine(file.WorkDirectory, "source.eml");
        File.Copy(file.Path, source, overwrite: true);
        var result = await ChildProcess.RunAsync("msgconvert", ["--outfile", converted, source], limits, cancellationToken);
        if (!result.Succeeded || !File.Exists(converted))
        {
            throw new UnreadableFileException("the Outlook message is damaged, or is not an Outlook message, and could not be opened", result.ErrorDetail);
        }

        await using var stream = File.OpenRead(converted);
        using var message = await MimeMessage.LoadAsync(MailParsing.Options, stream, cancellationToken);
        return await MessageReading.ReadAsync(message, file.WorkDirectory, cancellationToken);
    }
}
