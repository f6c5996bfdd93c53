using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Readers;

/// <summary>Text cut into pages: a form feed starts a new page, as printers and pagers agree.</summary>
public static class TextPages
{
    public static IReadOnlyList<PageContent> Split(string text) =>
        // Split before normalising line endings: ReplaceLineEndings counts a form feed as a line break too.
        text.Split('\f')
            .Select((page, index) => new PageContent { Number = index + 1, Source = PageSource.PlainText, Text = page.ReplaceLineEndings("\n").Trim('\n') })
            .ToList();

    /// <summary>Pages of text with a label each (a sheet, a chapter), numbered in order.</summary>
    public static IReadOnlyList<PageContent> Labelled(IEnumerable<(string? Label, string Text)> pages) =>
        pages.Select((page, index) => new PageContent
        {
            Number = index + 1,
            Source = PageSource.PlainText,
            Text = page.Text.ReplaceLineEndings("\n").Trim('\n'),
            Label = page.Label,
        }).ToList();
}
