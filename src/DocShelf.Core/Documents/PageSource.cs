namespace DocShelf.Core.Documents;

/// <summary>Where a page's text came from.</summary>
public enum PageSource
{
    /// <summary>The PDF's own text layer, judged to be real text.</summary>
    TextLayer,

    /// <summary>Recognised from the page image.</summary>
    Ocr,

    /// <summary>Text read from the file itself: a text or markup file, a spreadsheet, a web page, an e-book or an e-mail.</summary>
    PlainText,
}
