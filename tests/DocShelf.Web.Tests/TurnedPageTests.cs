using System.Text.Json;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using SkiaSharp;

namespace DocShelf.Web.Tests;

/// <summary>
/// Scans fed in sideways or upside down are shown upright, and the outlines the viewer draws over a hit land on
/// the hit words: each outlined region of the served image, cut out, is read back by the tesseract command.
/// </summary>
[Collection(WebShelfCollection.Name)]
public sealed class TurnedPageTests(WebShelf shelf) : IDisposable
{
    private readonly ShelfApiFactory app = shelf.Serve();
    private readonly TempFolder folder = new();

    [Theory]
    [InlineData("sideways letter.png", 270)]
    [InlineData("upside-down scan.pdf", 180)]
    public async Task Highlights_on_a_turned_scan_outline_the_words_searched_for(string name, int rotation)
    {
        var client = app.CreateClient();
        var page = $"/api/documents/{shelf.Id(name)}/pages/1";
        var word = LongWords(await (await client.GetAsync(page)).JsonAsync()).Skip(1).First();

        var view = await (await client.GetAsync($"{page}?q={word}")).JsonAsync();
        using var image = SKBitmap.Decode(await client.GetByteArrayAsync($"{page}/image"));

        Assert.Equal(rotation, view.GetProperty("reading").GetProperty("geometry").GetProperty("rotation").GetInt32());
        Assert.True(image.Height > image.Width, $"the page is shown {image.Width}×{image.Height}, not upright");
        var words = view.GetProperty("words");
        var outlined = view.GetProperty("matches").EnumerateArray().Select(i => words[i.GetInt32()]).ToList();
        Assert.NotEmpty(outlined);
        foreach (var box in outlined)
        {
            var read = await ReadRegionAsync(image, box);
            Assert.True(read.Contains(word, StringComparison.OrdinalIgnoreCase), $"the outline for '{word}' covers '{read.Trim()}'");
        }
    }

    public void Dispose()
    {
        app.Dispose();
        folder.Dispose();
    }

    private static IEnumerable<string> LongWords(JsonElement view) =>
        view.GetProperty("words").EnumerateArray()
            .Select(w => w.GetProperty("text").GetString()!)
            .Where(text => text.Length >= 8 && text.All(char.IsAsciiLetterLower));

    /// <summary>Cuts the outlined region (with a margin) out of the page image, enlarged, and reads it as one line.</summary>
    private async Task<string> ReadRegionAsync(SKBitmap image, JsonElement box)
    {
        var (x, y) = (box.GetProperty("x").GetDouble() * image.Width, box.GetProperty("y").GetDouble() * image.Height);
        var (width, height) = (box.GetProperty("width").GetDouble() * image.Width, box.GetProperty("height").GetDouble() * image.Height);
        var region = SKRectI.Round(new SKRect((float)(x - height), (float)(y - (height / 2)), (float)(x + width + height), (float)(y + (height * 1.5))));
        region.Intersect(new SKRectI(0, 0, image.Width, image.Height));
        using var cut = new SKBitmap(region.Width * 3, region.Height * 3);
        using (var canvas = new SKCanvas(cut))
        {
            canvas.DrawBitmap(image, region, new SKRect(0, 0, cut.Width, cut.Height));
        }

        var path = folder.File($"region-{Guid.NewGuid():N}.png");
        using (var file = File.Create(path))
        {
            cut.Encode(file, SKEncodedImageFormat.Png, 100);
        }

        return await Tool.RunAsync("tesseract", path, "-", "--psm", "7");
    }
}
