using DocShelf.Core.Documents;

namespace DocShelf.Cli.Output;

/// <summary>One page in `text --json`: its text, where it came from, and for an OCR'd page how it was read.</summary>
public sealed record PageTextReport(int Number, PageSource Source, string Text, PageReadingReport? Reading)
{
    public static PageTextReport From(PageContent page) => new(
        page.Number, page.Source, page.Text, PageReading.OfOcrPage(page) is { } reading ? PageReadingReport.From(reading) : null);
}
