using System.Globalization;
using System.Text;
using System.Xml;
using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Reads a PDF's text layer with <c>pdftotext -bbox-layout</c>: every page's words with their boxes, joined into
/// text with a newline between lines and a blank line between blocks, the same shape OCR produces.
/// </summary>
public static class PdfTextLayerReader
{
    public static async Task<IReadOnlyList<PageContent>> ReadAsync(
        PdfSource pdf, string workDirectory, ToolLimits limits, CancellationToken cancellationToken)
    {
        var output = Path.Combine(workDirectory, "text-layer.html");
        var result = await ChildProcess.RunAsync("pdftotext", [.. pdf.PasswordArguments, "-bbox-layout", "-enc", "UTF-8", pdf.Path, output], limits, cancellationToken);
        if (!result.Succeeded || !File.Exists(output))
        {
            throw new UnreadableFileException($"the PDF text could not be read: {result.FirstErrorLine}");
        }

        using var reader = XmlReader.Create(output, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        return ReadPages(reader);
    }

    internal static IReadOnlyList<PageContent> ReadPages(XmlReader reader)
    {
        var pages = new List<PageContent>();
        PageBuilder? page = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "page" && page is not null)
            {
                pages.Add(page.Build());
                page = null;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "page":
                    page = new PageBuilder(pages.Count + 1, Number(reader, "width"), Number(reader, "height"));
                    if (reader.IsEmptyElement)
                    {
                        pages.Add(page.Build());
                        page = null;
                    }

                    break;
                case "block":
                    page?.StartBlock();
                    break;
                case "line":
                    page?.StartLine();
                    break;
                case "word":
                    var box = new Box(Number(reader, "xMin"), Number(reader, "yMin"), 0, 0);
                    var right = Number(reader, "xMax");
                    var bottom = Number(reader, "yMax");
                    page?.AddWord(reader.ReadElementContentAsString(), box with { Width = right - box.X, Height = bottom - box.Y });
                    break;
            }
        }

        return pages;
    }

    private static double Number(XmlReader reader, string attribute) =>
        double.TryParse(reader.GetAttribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>Collects one page's words and the separators between them.</summary>
    private sealed class PageBuilder(int number, double width, double height)
    {
        private readonly StringBuilder text = new();
        private readonly List<Word> words = [];
        private string pendingSeparator = "";

        public void StartBlock() => pendingSeparator = text.Length == 0 ? "" : "\n\n";

        public void StartLine()
        {
            if (pendingSeparator.Length == 0 && text.Length > 0)
            {
                pendingSeparator = "\n";
            }
        }

        public void AddWord(string word, Box box)
        {
            word = word.Trim();
            if (word.Length == 0)
            {
                return;
            }

            text.Append(words.Count == 0 ? "" : pendingSeparator.Length > 0 ? pendingSeparator : " ");
            pendingSeparator = "";
            words.Add(new Word { Text = word, Box = box, Start = text.Length });
            text.Append(word);
        }

        public PageContent Build() => new()
        {
            Number = number,
            Source = PageSource.TextLayer,
            Text = text.ToString(),
            Words = words,
            Width = width,
            Height = height,
        };
    }
}
