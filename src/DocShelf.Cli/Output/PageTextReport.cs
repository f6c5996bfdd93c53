using DocShelf.Core.Documents;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Output;

/// <summary>One page in `text --json`: its text, where it came from, and for an OCR'd page how it was read.</summary>
public sealed record PageTextReport(int Number, PageSource Source, string Text, PageReadingReport? Reading, string? Label)
{
    public static PageTextReport From(PageView page) => new(
        page.Number, page.Source, page.Text, page.Reading is { } reading ? PageReadingReport.From(reading) : null, page.Label);
}
