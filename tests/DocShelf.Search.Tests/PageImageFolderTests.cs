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

    [Fact]
    public void Opening_a_shelf_clears_page_sources_a_kill_left_without_their_document_or_half_copied()
    {
        const string Kept = "00000000000000aa";
        const string Left = "00000000000000bb";
        var original = folder.File("scan.png");
        File.WriteAllBytes(original, [0x89, 0x50, 0x4E, 0x47]);
        using (var shelf = Shelf.OpenForWriting(folder.Folder("data")))
        {
            ShelfBuilder.Publish(shelf.Writer!, Kept, "/shelf/kept.png", "The lamp was lit.");
            shelf.PageSources.Keep(Kept, original);
            shelf.PageSources.Keep(Left, original);
            File.WriteAllBytes(Path.Combine(shelf.PageSources.Root, Kept + ".partial"), [1, 2]);
        }

        using var reopened = Shelf.OpenForWriting(folder.Folder("data"));

        Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(reopened.PageSources.Find(Kept)!));
        Assert.Null(reopened.PageSources.Find(Left));
        Assert.Equal((1, 4L), reopened.PageSources.Size());
    }

    [Fact]
    public void A_page_image_cache_trimmed_lets_go_of_the_least_recently_viewed_images_it_can_draw_again()
    {
        var images = new PageImageFolder(folder.Path);
        var pages = Enumerable.Range(1, 3).Select(n => new PageContent { Number = n, Source = PageSource.Ocr, Text = "" }).ToList();
        const string Drawable = "00000000000000aa";
        const string OnlyCopy = "00000000000000bb";
        foreach (var (page, age) in pages.Zip([3, 1, 2]))
        {
            var path = images.PathOf(Drawable, page);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new byte[100]);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-age));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(images.PathOf(OnlyCopy, pages[0]))!);
        File.WriteAllBytes(images.PathOf(OnlyCopy, pages[0]), new byte[100]);
        File.SetLastWriteTimeUtc(images.PathOf(OnlyCopy, pages[0]), DateTime.UtcNow.AddHours(-9));
        PageImageFolder.Touch(images.PathOf(Drawable, pages[0])); // the oldest, viewed just now

        var left = images.TrimTo(250, id => id == Drawable);

        Assert.Equal(200, left);
        Assert.Equal([true, false, false], pages.Select(p => File.Exists(images.PathOf(Drawable, p))));
        Assert.True(File.Exists(images.PathOf(OnlyCopy, pages[0])));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("")]
    public void Only_a_document_id_names_a_folder_or_a_file(string id)
    {
        var images = new PageImageFolder(folder.Path);
        var sources = new PageSourceFolder(folder.Path);
        var page = new PageContent { Number = 1, Source = PageSource.Ocr, Text = "" };

        Assert.Throws<ArgumentException>(() => images.PathOf(id, page));
        Assert.Throws<ArgumentException>(() => sources.Keep(id, folder.File("any")));
        Assert.Null(sources.Find(id));
    }

    public void Dispose() => folder.Dispose();
}
