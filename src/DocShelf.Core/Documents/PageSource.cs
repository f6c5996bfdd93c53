namespace DocShelf.Core.Documents;

/// <summary>Where a page's text came from.</summary>
public enum PageSource
{
    /// <summary>The PDF's own text layer, judged to be real text.</summary>
    TextLayer,

    /// <summary>Recognised from the page image.</summary>
    Ocr,

    /// <summary>A plain text or Markdown file.</summary>
    PlainText,
}
