using DocShelf.Search;

namespace DocShelf.Benchmarks;

/// <summary>What keeping the viewer's page images costs a shelf: bytes per page on disk, and the images step's share of the ingest.</summary>
public static class PageImageCost
{
    public static string Line(string dataFolder, TimeSpan ingest)
    {
        using var shelf = Shelf.OpenForReading(dataFolder);
        var (images, bytes) = shelf.PageImages.Size();
        var drawing = shelf.Store.AllDocuments().SelectMany(d => d.Steps).Where(s => s.Step == "images").Sum(s => s.Milliseconds) / 1000;
        return images == 0
            ? "No page images were kept."
            : $"Page images kept: {images} pages, {bytes / 1024.0 / images:0} KB a page ({bytes / 1048576.0:0.0} MB in all); drawing them took {drawing:0.0} s, " +
              $"{drawing / ingest.TotalSeconds:P0} of the ingest's wall time.";
    }
}
