using System.Globalization;
using System.Xml;
using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Pdf;

/// <summary>Reads the page, block, line and word elements of <c>pdftotext -bbox-layout</c> output, in document order.</summary>
internal sealed class TextLayerXmlReader(XmlReader reader)
{
    private readonly List<TextLayerPage> pages = [];
    private (double Width, double Height)? page;
    private List<TextLayerBlock> blocks = [];
    private List<IReadOnlyList<TextLayerWord>>? lines;
    private List<TextLayerWord>? words;

    public IReadOnlyList<TextLayerPage> ReadPages()
    {
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "word")
            {
                ReadWord(); // reading a word's text moves past its end tag, onto the next node
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                StartElement();
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "page")
            {
                EndPage();
            }

            reader.Read();
        }

        return pages;
    }

    private void StartElement()
    {
        switch (reader.LocalName)
        {
            case "page":
                page = (Number("width"), Number("height"));
                if (reader.IsEmptyElement)
                {
                    EndPage();
                }

                break;
            case "block":
                lines = [];
                blocks.Add(new TextLayerBlock(lines));
                break;
            case "line":
                words = [];
                lines?.Add(words);
                break;
        }
    }

    private void ReadWord()
    {
        var (left, top, right, bottom) = (Number("xMin"), Number("yMin"), Number("xMax"), Number("yMax"));
        // A control character (turned into a space on the way in) is no part of a word: "\u0003raised" is "raised".
        var text = string.Concat(reader.ReadElementContentAsString().Where(c => !char.IsWhiteSpace(c)));
        if (text.Length > 0)
        {
            words?.Add(new TextLayerWord(text, new Box(left, top, right - left, bottom - top)));
        }
    }

    /// <summary>Closes the page, leaving out lines whose words were all blank and blocks left with no lines.</summary>
    private void EndPage()
    {
        if (page is not { } size)
        {
            return;
        }

        var kept = blocks
            .Select(block => new TextLayerBlock([.. block.Lines.Where(line => line.Count > 0)]))
            .Where(block => block.Lines.Count > 0)
            .ToList();
        pages.Add(new TextLayerPage(pages.Count + 1, size.Width, size.Height, kept, PageGeometry.AsScanned));
        (page, blocks, lines, words) = (null, [], null, null);
    }

    private double Number(string attribute) =>
        double.TryParse(reader.GetAttribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
