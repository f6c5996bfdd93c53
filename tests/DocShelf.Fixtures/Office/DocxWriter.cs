using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocShelf.Fixtures.Office;

/// <summary>Writes a Word document with the Open XML SDK: a paragraph per block, a page break between pages, title and author in its properties.</summary>
public static class DocxWriter
{
    public static void Write(string path, OfficeText text)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = text.Title;
        document.PackageProperties.Creator = text.Author;
        var body = new Body();
        for (var page = 0; page < text.Pages.Count; page++)
        {
            if (page > 0)
            {
                body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            }

            foreach (var paragraph in OfficeText.Paragraphs(text.Pages[page]))
            {
                body.Append(new Paragraph(new Run(new Text(paragraph) { Space = SpaceProcessingModeValues.Preserve })));
            }
        }

        document.AddMainDocumentPart().Document = new Document(body);
    }
}
