using MimeKit;

namespace DocShelf.Ingestion.Readers.Mail;

/// <summary>How DocShelf has MimeKit parse mail: MIME nested no deeper than a real message ever is, further nesting left as one leaf.</summary>
public static class MailParsing
{
    public const int MaxMimeDepth = 16;

    public static ParserOptions Options { get; } = new() { MaxMimeDepth = MaxMimeDepth };
}
