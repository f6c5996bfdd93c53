namespace DocShelf.Core.Pipeline;

/// <summary>Where to find the image of one page: a PDF page to rasterise, or a frame of an image file.</summary>
public sealed record PageImage(int PageNumber, PageImageOrigin Origin, string SourcePath, int Frame = 0);
