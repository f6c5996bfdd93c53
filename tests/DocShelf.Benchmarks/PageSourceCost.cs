using DocShelf.Search;

namespace DocShelf.Benchmarks;

/// <summary>What keeping the files pages are drawn from costs a shelf: bytes per page on disk, and the keep step's share of the ingest.</summary>
public static class PageSourceCost
{
    public static string Line(string dataFolder, TimeSpan ingest)
    {
        using var shelf = Shelf.OpenForReading(dataFolder);
        var (files, bytes) = shelf.PageSources.Size();
        var pages = shelf.Store.Count().Pages;
        var keeping = shelf.Store.AllDocuments().SelectMany(d => d.Steps).Where(s => s.Step == "keep").Sum(s => s.Milliseconds) / 1000;
        return files == 0
            ? "No page sources were kept."
            : $"Page sources kept: {files} files for {pages} pages, {bytes / 1024.0 / pages:0} KB a page ({bytes / 1048576.0:0.0} MB in all); keeping them took {keeping:0.00} s, " +
              $"{keeping / ingest.TotalSeconds:P1} of the ingest's wall time. Page images are drawn when a page is first viewed.";
    }
}
