using System.Text;
using System.Text.Unicode;
using UtfUnknown;

namespace DocShelf.Ingestion.Intake;

/// <summary>
/// Which encoding a text file is in: a byte-order mark says so outright; bytes that are valid UTF-8 are UTF-8;
/// anything else is given to uchardet (UTF.Unknown), which tells Windows-1252 from Latin-1, KOI8-R, Shift-JIS and
/// the rest by their letter statistics. Whatever the encoding, text must decode to printable characters: a file
/// with more than one control character in a hundred is binary, not text.
/// </summary>
public static class TextDecoding
{
    /// <summary>Below this confidence a guessed legacy encoding is taken only if the bytes decode cleanly in Windows-1252.</summary>
    private const float MinimumConfidence = 0.5f;

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding the bytes are text in, or null when they are not text.</summary>
    public static Encoding? Detect(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return null;
        }

        var encoding = ByteOrderMark(head) ?? (IsUtf8(head) ? new UTF8Encoding(false) : Guess(head));
        return encoding is not null && IsPrintable(DecodeHead(head, encoding)) ? encoding : null;
    }

    /// <summary>The head decoded, its byte-order mark dropped; a character cut at the end of the sample may come out as U+FFFD.</summary>
    public static string DecodeHead(ReadOnlySpan<byte> head, Encoding encoding)
    {
        var preamble = encoding.GetPreamble();
        var body = preamble.Length > 0 && head.StartsWith(preamble) ? head[preamble.Length..] : head;
        return encoding.GetString(body);
    }

    /// <summary>A whole file's text, in the encoding its head was found to be in.</summary>
    public static async Task<string> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var encoding = Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024))) ?? new UTF8Encoding(false);
        return DecodeHead(bytes, encoding);
    }

    private static Encoding? ByteOrderMark(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => new UTF8Encoding(true),
        [0xFF, 0xFE, 0x00, 0x00, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        _ => null,
    };

    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
        {
            return false;
        }

        // The sample may end inside a multi-byte character; drop up to three trailing bytes before validating.
        for (var trim = 0; trim <= 3 && trim < head.Length; trim++)
        {
            if (Utf8.IsValid(head[..^trim]))
            {
                return true;
            }
        }

        return false;
    }

    private static Encoding? Guess(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
        {
            return null; // UTF-16 without a mark, or binary: neither is guessed at
        }

        var detected = CharsetDetector.DetectFromBytes(head.ToArray()).Detected;
        return detected?.Encoding is { } encoding && detected.Confidence >= MinimumConfidence
            ? encoding
            : Encoding.GetEncoding(1252);
    }

    private static bool IsPrintable(string text)
    {
        var controls = text.Count(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t' and not '\f');
        return controls * 100 < Math.Max(1, text.Length);
    }
}
