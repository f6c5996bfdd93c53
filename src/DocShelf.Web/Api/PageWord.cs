namespace DocShelf.Web.Api;

/// <summary>A word on a page with its box as fractions of the page's width and height, so it can be drawn over an image of any size.</summary>
public sealed record PageWord(string Text, double X, double Y, double Width, double Height);
