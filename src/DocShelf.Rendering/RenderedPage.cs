using SkiaSharp;

namespace DocShelf.Rendering;

/// <summary>A rendered page and the words set on it in reading order: the ground truth a reading is measured against.</summary>
public sealed class RenderedPage(SKBitmap image, string text) : IDisposable
{
    public SKBitmap Image { get; } = image;

    /// <summary>What was set on the page, in the order a person reads it.</summary>
    public string Text { get; } = text;

    public void Dispose() => Image.Dispose();
}
