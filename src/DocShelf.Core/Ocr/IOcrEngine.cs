using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;

namespace DocShelf.Core.Ocr;

/// <summary>Turns a page image into words with boxes and confidences.</summary>
public interface IOcrEngine
{
    /// <summary>
    /// Recognises one image file (or one frame of a multi-page TIFF) as page <paramref name="pageNumber"/>. Cancelling
    /// stops recognition between words, so a file's time limit and shutdown do not wait for a slow page.
    /// </summary>
    PageContent Recognise(string imagePath, int frame, int pageNumber, CancellationToken cancellationToken = default);
}
