using DocShelf.Ingestion.Extraction;
using DocShelf.Ingestion.Pdf;

namespace DocShelf.Ingestion.Tests;

public class PdfReadersTests
{
    [Fact]
    public void Image_coverage_is_the_share_of_the_page_the_images_cover()
    {
        const string listing = """
            page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
            --------------------------------------------------------------------------------------------
               1     0 image    2550  3300  gray    1   8  jpeg   no         9  0   300   300  489K 6.0%
               2     1 image     300   300  gray    1   8  jpeg   no        12  0   300   300   10K 6.0%
               2     2 smask     300   300  gray    1   8  image  no        13  0   300   300   10K 6.0%
            """;
        var info = new PdfInfo(3, [(612, 792), (612, 792), (612, 792)]);

        var coverage = PdfImageCoverage.Parse(listing, info);

        Assert.Equal(1.0, coverage[1], 3);
        Assert.Equal(72.0 * 72 / (612 * 792), coverage[2], 4);
        Assert.False(coverage.ContainsKey(3));
    }

    [Fact]
    public void Form_feeds_split_a_text_file_into_pages()
    {
        var pages = Readers.TextPages.Split("first page\r\nline two\fsecond page\n");

        Assert.Equal(["first page\nline two", "second page"], pages.Select(p => p.Text));
        Assert.Equal([1, 2], pages.Select(p => p.Number));
    }
}
