namespace DocShelf.Core.Pipeline;

public enum PageImageOrigin
{
    /// <summary>A page of a PDF, rasterised on demand.</summary>
    PdfPage,

    /// <summary>A frame of a PNG, JPEG or TIFF file, read as it is.</summary>
    ImageFrame,
}
