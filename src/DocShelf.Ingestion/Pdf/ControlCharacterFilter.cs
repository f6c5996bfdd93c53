namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Reads text with every control character XML forbids (all below U+0020 but tab, line feed and carriage return)
/// turned into a space. pdftotext writes into its XML whatever a font maps glyphs to, control characters included,
/// and .NET's XML reader refuses them even when told not to check characters; a space is what they amount to in a word.
/// </summary>
public sealed class ControlCharacterFilter(TextReader inner) : TextReader
{
    public override int Peek() => Clean(inner.Peek());

    public override int Read() => Clean(inner.Read());

    public override int Read(char[] buffer, int index, int count)
    {
        var read = inner.Read(buffer, index, count);
        for (var i = index; i < index + read; i++)
        {
            if (buffer[i] < ' ' && buffer[i] is not ('\t' or '\n' or '\r'))
            {
                buffer[i] = ' ';
            }
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int Clean(int c) => c is >= 0 and < ' ' and not ('\t' or '\n' or '\r') ? ' ' : c;
}
