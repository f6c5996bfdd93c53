using System.Text.RegularExpressions;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// Whether text starts as an e-mail does (RFC 5322): a block of "Name: value" header fields, folded lines indented,
/// among them the fields every sent message carries. A note that merely begins "Subject: minutes" is not a message.
/// </summary>
public static partial class MailHeaders
{
    private static readonly HashSet<string> Tracing = new(StringComparer.OrdinalIgnoreCase)
    {
        "Received", "Return-Path", "Message-ID", "MIME-Version", "Delivered-To", "X-Mailer", "User-Agent", "In-Reply-To", "References",
    };

    /// <summary>An mbox starts with its first message's "From sender date" separator line, then that message.</summary>
    public static bool StartsMailbox(string head) =>
        head.StartsWith("From ", StringComparison.Ordinal) && head.IndexOf('\n') is var end && end > 0 && StartsMessage(head[(end + 1)..]);

    public static bool StartsMessage(string head)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = head.ReplaceLineEndings("\n").Split('\n');
        var ended = Array.IndexOf(lines, "") >= 0;
        foreach (var line in ended ? lines : lines[..^1]) // a sample that ends inside the header may cut its last line
        {
            if (line.Length == 0)
            {
                break; // the blank line that ends the header
            }

            if (line[0] is ' ' or '\t' && names.Count > 0)
            {
                continue; // a folded field
            }

            var field = FieldName().Match(line);
            if (!field.Success)
            {
                return false;
            }

            names.Add(field.Groups[1].Value);
        }

        return names.Contains("From") &&
               (names.Any(Tracing.Contains) || (names.Contains("Date") && (names.Contains("To") || names.Contains("Subject"))));
    }

    [GeneratedRegex(@"^([\x21-\x39\x3B-\x7E]+):")]
    private static partial Regex FieldName();
}
