using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Core.Text;
using DocShelf.Ingestion.Readers.Html;
using MimeKit;

namespace DocShelf.Ingestion.Readers.Mail;

/// <summary>
/// One message as DocShelf reads it: a page that starts with its sender, recipients, date and subject (so they are
/// searched as words are), then its plain body or, failing that, its HTML body as the text a browser shows, and ends
/// with the list of its attachments. Each attachment, and each message forwarded inside it, is left in the work
/// folder to be read as a document of its own. The subject is the title, the sender the author, the date the date.
/// </summary>
public static class MessageReading
{
    /// <summary>More parts than any real message has: a file past this is refused rather than unpacked.</summary>
    public const int MaxParts = 5000;

    /// <summary>Attachments read from one message; any beyond are listed but not read.</summary>
    public const int MaxAttachments = 500;

    public static async Task<DocumentReading> ReadAsync(MimeMessage message, string workDirectory, CancellationToken cancellationToken)
    {
        var parts = message.BodyParts.Take(MaxParts + 1).Count();
        if (parts > MaxParts)
        {
            throw new UnreadableFileException($"the message has more than {MaxParts} MIME parts");
        }

        var attachments = new List<AttachedFile>();
        var listed = new List<string>();
        foreach (var entity in message.Attachments)
        {
            var name = NameOf(entity, listed.Count + 1);
            listed.Add(name);
            if (attachments.Count < MaxAttachments)
            {
                attachments.Add(new AttachedFile(await SaveAsync(entity, workDirectory, listed.Count, cancellationToken), name));
            }
        }

        return new DocumentReading
        {
            Pages = TextPages.Labelled([(null, Text(message, listed))]),
            Properties = new(Blank(message.Subject), Blank(message.From.ToString()), DatedOf(message)),
            Attachments = attachments,
        };
    }

    private static string Text(MimeMessage message, List<string> attachments)
    {
        var text = new StringBuilder();
        Header(text, "From", message.From.ToString());
        Header(text, "To", message.To.ToString());
        Header(text, "Cc", message.Cc.ToString());
        Header(text, "Date", message.Headers[HeaderId.Date] ?? "");
        Header(text, "Subject", message.Subject ?? "");
        text.Append('\n').Append(Body(message).Trim()).Append('\n');
        if (attachments.Count > 0)
        {
            text.Append("\nAttachments:\n");
            text.AppendJoin('\n', attachments.Select((name, i) => $"{i + 1}. {name}"));
        }

        return text.ToString();
    }

    private static string Body(MimeMessage message)
    {
        if (message.TextBody is { } plain)
        {
            return plain;
        }

        if (message.HtmlBody is not { } html)
        {
            return "";
        }

        using var document = new HtmlParser().ParseDocument(html);
        return string.Join("\n\n", HtmlSections.Of(document, untitled: null).Select(s => s.Text));
    }

    private static void Header(StringBuilder text, string name, string value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.Append(name).Append(": ").Append(value.Trim()).Append('\n');
        }
    }

    private static string NameOf(MimeEntity entity, int position) => entity switch
    {
        MessagePart { Message: { } inner } => $"{(string.IsNullOrWhiteSpace(inner.Subject) ? "message" : inner.Subject.Trim())}.eml",
        MimePart { FileName: { Length: > 0 } name } => name,
        _ => string.Create(CultureInfo.InvariantCulture, $"attachment {position}"),
    };

    /// <summary>Writes the attachment's decoded bytes (a forwarded message as it was sent) into the work folder.</summary>
    private static async Task<string> SaveAsync(MimeEntity entity, string workDirectory, int position, CancellationToken cancellationToken)
    {
        var path = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"attached-{position}"));
        await using var output = File.Create(path);
        switch (entity)
        {
            case MessagePart { Message: { } inner }:
                await inner.WriteToAsync(output, cancellationToken);
                break;
            case MimePart { Content: { } content }:
                await content.DecodeToAsync(output, cancellationToken);
                break;
        }

        return path;
    }

    /// <summary>
    /// The date the message bears. MimeKit gives no date for one it thinks implausible (before 1970, say), as an
    /// archive's transcribed letters can be; the header is then read as any document's date line is.
    /// </summary>
    public static string? DatedOf(MimeMessage message) =>
        message.Date != DateTimeOffset.MinValue
            ? message.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : message.Headers[HeaderId.Date] is { } header ? DocumentDate.Find(header) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
