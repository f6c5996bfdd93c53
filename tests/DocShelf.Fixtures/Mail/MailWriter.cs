using MimeKit;

namespace DocShelf.Fixtures.Mail;

/// <summary>Writes e-mail with MimeKit: messages with a plain or HTML body, attachments of any bytes, forwarded messages, and mailboxes.</summary>
public static class MailWriter
{
    public static MimeMessage Message(string subject, DateTimeOffset date, string body, bool html = false, params MimeEntity[] attachments)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            Date = date,
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("eastwick.example"),
        };
        message.From.Add(new MailboxAddress("Josiah Penhallow", "harbour.master@eastwick.example"));
        message.To.Add(new MailboxAddress("Edith Marlowe", "clerk@eastwick.example"));
        var builder = new BodyBuilder();
        if (html)
        {
            builder.HtmlBody = body;
        }
        else
        {
            builder.TextBody = body;
        }

        foreach (var attachment in attachments)
        {
            builder.Attachments.Add(attachment);
        }

        message.Body = builder.ToMessageBody();
        return message;
    }

    public static MimePart Attachment(string name, string mediaType, byte[] bytes) =>
        new(ContentType.Parse(mediaType))
        {
            Content = new MimeContent(new MemoryStream(bytes)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = name,
        };

    public static MessagePart Forwarded(MimeMessage message) =>
        new() { Message = message, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) };

    public static void Write(string path, MimeMessage message) => message.WriteTo(path);

    /// <summary>An mbox: each message after a "From " separator line, as mail programs keep them.</summary>
    public static void WriteMailbox(string path, IEnumerable<MimeMessage> messages)
    {
        using var output = File.Create(path);
        foreach (var message in messages)
        {
            var separator = $"From harbour.master@eastwick.example {message.Date.UtcDateTime:ddd MMM d HH:mm:ss yyyy}\n";
            output.Write(System.Text.Encoding.ASCII.GetBytes(separator));
            message.WriteTo(FormatOptions.Default, output);
            output.Write("\n"u8);
        }
    }
}
