using DocShelf.Core.Documents;

namespace DocShelf.Core.Tests;

public class DocumentRecordTests
{
    [Fact]
    public void Id_is_the_first_sixteen_hex_digits_of_the_sha256()
    {
        var sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Assert.Equal("9f86d081884c7d65", DocumentRecord.IdFromSha256(sha));
    }

    [Fact]
    public void Primary_path_is_the_first_path_or_empty()
    {
        var record = new DocumentRecord { Id = "a", Sha256 = "a", Kind = FileKind.Pdf, Paths = ["/x/one.pdf", "/y/two.pdf"] };
        Assert.Equal("/x/one.pdf", record.PrimaryPath);
        Assert.Equal("", (record with { Paths = [] }).PrimaryPath);
    }

    [Fact]
    public void Chunk_ids_name_document_page_and_position()
    {
        Assert.Equal("abc/3/2", Chunk.MakeId("abc", 3, 2));
    }

    [Theory]
    [InlineData(FileKind.PlainText, "text")]
    [InlineData(FileKind.Markdown, "markdown")]
    [InlineData(FileKind.Tiff, "tiff")]
    public void File_kinds_have_lower_case_names(FileKind kind, string name)
    {
        Assert.Equal(name, kind.ToName());
    }

    [Fact]
    public void Only_raster_formats_are_images()
    {
        Assert.True(FileKind.Png.IsImage());
        Assert.True(FileKind.Tiff.IsImage());
        Assert.False(FileKind.Pdf.IsImage());
        Assert.True(FileKind.Markdown.IsText());
        Assert.False(FileKind.Jpeg.IsText());
    }

    [Fact]
    public void A_box_knows_its_right_and_bottom_edges()
    {
        var box = new Box(10, 20, 30, 40);
        Assert.Equal(40, box.Right);
        Assert.Equal(60, box.Bottom);
    }
}
