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
        // Split before normalising line endings: ReplaceLineEndings counts a form feed as a line break too.
        text.Split('\f')
            .Select((page, index) => new PageContent { Number = index + 1, Source = PageSource.PlainText, Text = page.ReplaceLineEndings("\n").Trim('\n') })
            .ToList();
}
