using System.Text;
using LLama.Native;

namespace DocShelf.Models.Gguf;

/// <summary>
/// Generated tokens to text as they come. A character whose bytes span tokens waits for its last byte; one the model
/// never finished ends the text as U+FFFD, as any UTF-8 reader shows it. Control tokens have no text.
/// </summary>
internal sealed class TokenText(SafeLlamaModelHandle model)
{
    private readonly Decoder utf8 = Encoding.UTF8.GetDecoder();
    private byte[] bytes = new byte[64];

    public string Add(LLamaToken token)
    {
        var length = model.TokenToSpan(token, bytes, lstrip: 0, special: false);
        if (length > bytes.Length)
        {
            bytes = new byte[length];
            length = model.TokenToSpan(token, bytes, lstrip: 0, special: false);
        }

        return Decode(bytes.AsSpan(0, (int)length), flush: false);
    }

    /// <summary>What is left once generation has ended.</summary>
    public string Finish() => Decode([], flush: true);

    private string Decode(ReadOnlySpan<byte> input, bool flush)
    {
        var chars = new char[utf8.GetCharCount(input, flush)];
        var count = utf8.GetChars(input, chars, flush);
        return new string(chars, 0, count);
    }
}
