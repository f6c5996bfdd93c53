using DocShelf.Core.Documents;
using DocShelf.Search.Store;

namespace DocShelf.Web.Tests;

public sealed class PageImageNameTests
{
    private static readonly PageContent Scanned = new() { Number = 3, Source = PageSource.Ocr, Text = "" };

    [Fact]
    public void A_page_drawn_as_scanned_is_kept_under_its_number()
    {
        Assert.Equal("3.jpg", PageImageFolder.NameOf(Scanned));
    }

    [Fact]
    public void A_page_read_another_way_is_kept_under_another_name()
    {
        var turned = Scanned with { Geometry = new PageGeometry(180, 0, 9) };
        var turnedAndDeskewed = Scanned with { Geometry = new PageGeometry(180, -2.95, 9) };

        string[] names = [PageImageFolder.NameOf(Scanned), PageImageFolder.NameOf(turned), PageImageFolder.NameOf(turnedAndDeskewed)];

        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.All(names, name => Assert.StartsWith("3", name, StringComparison.Ordinal));
    }
}
