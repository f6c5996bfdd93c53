using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Search.Store;

namespace DocShelf.Search.Tests;

public sealed class PageImageFolderTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void Opening_a_shelf_clears_page_images_a_kill_left_without_their_document()
    {
        const string Kept = "00000000000000aa";
        const string Left = "00000000000000bb";
        var page = new PageContent { Number = 1, Source = PageSource.Ocr, Text = "" };
        using (var shelf = Shelf.OpenForWriting(folder.Path))
        {
            ShelfBuilder.Publish(shelf.Writer!, Kept, "/shelf/kept.png", "The lamp was lit.");
            foreach (var id in new[] { Kept, Left })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(shelf.PageImages.PathOf(id, page))!);
                File.WriteAllBytes(shelf.PageImages.PathOf(id, page), [0xFF, 0xD8, 0xFF]);
            }
        }

        using var reopened = Shelf.OpenForWriting(folder.Path);

        Assert.True(File.Exists(reopened.PageImages.PathOf(Kept, page)));
        Assert.False(Directory.Exists(Path.Combine(reopened.PageImages.Root, Left)));
        Assert.Equal((1, 3L), reopened.PageImages.Size());
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("")]
    public void Only_a_document_id_names_a_folder(string id)
    {
        var images = new PageImageFolder(folder.Path);
        var page = new PageContent { Number = 1, Source = PageSource.Ocr, Text = "" };

        Assert.Throws<ArgumentException>(() => images.PathOf(id, page));
    }

    public void Dispose() => folder.Dispose();
}
