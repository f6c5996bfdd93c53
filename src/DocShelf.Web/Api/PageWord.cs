namespace DocShelf.Web.Api;

/// <summary>
/// A word on a page with its box as fractions of the page's width and height, so it can be drawn over an image of
/// any size, and where it starts in the page's text, so a hit's characters lead to its boxes.
/// </summary>
public sealed record PageWord(string Text, int Start, double X, double Y, double Width, double Height);
