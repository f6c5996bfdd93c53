using DocShelf.Fixtures;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>
/// Saves the main views as PNGs in docs/screenshots, so the documentation shows the page as it is. Only when
/// DOCSHELF_SCREENSHOTS=1 (`./build.sh screenshots`), so an ordinary test run leaves the working tree as it was.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("DOCSHELF_SCREENSHOTS") != "1")
        {
            return;
        }

        var folder = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }
}
