using System.Text;
using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Extraction;

/// <summary>Reads a text or Markdown file as pages: a form feed starts a new page, as printers and pagers agree.</summary>
public static class PlainTextReader
{
    public static async Task<IReadOnlyList<PageContent>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        return Split(text);
    }

    internal static IReadOnlyList<PageContent> Split(string text) =>
        text.ReplaceLineEndings("\n")
            .Split('\f')
            .Select((page, index) => new PageContent { Number = index + 1, Source = PageSource.PlainText, Text = page.Trim('\n') })
            .ToList();
}
