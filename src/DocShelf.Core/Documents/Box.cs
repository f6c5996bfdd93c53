namespace DocShelf.Core.Documents;

/// <summary>
/// A rectangle on a page, in the page's own units (PDF points for a text layer, pixels for a raster),
/// with the origin at the top left. The page records its size in the same units.
/// </summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;
}
