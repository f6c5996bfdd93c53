using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Pdf;

namespace DocShelf.Ingestion.Readers.Office;

/// <summary>
/// Reads word-processing documents and presentations (Word, RTF, OpenDocument text and presentation, PowerPoint) as
/// the pages an office suite prints: LibreOffice lays them out as a PDF, read then as any PDF is (its text layer, OCR
/// for a page that is only a picture), and the viewer shows those pages. The original stays the download. Title and
/// author come from the document's properties, which LibreOffice carries into the PDF. A protected Office 2007+ file
/// is opened with the configured passwords and laid out as what it turns out to be (a workbook as its printed pages).
/// </summary>
public sealed class LaidOutOfficeReader(OfficeConverter converter, PdfDocumentReader pdf) : IDocumentReader
{
    public IReadOnlyCollection<FileKind> Kinds { get; } =
        [FileKind.Docx, FileKind.Doc, FileKind.Rtf, FileKind.Odt, FileKind.Pptx, FileKind.Ppt, FileKind.Odp, FileKind.ProtectedOffice];

    public async Task<DocumentReading> ReadAsync(FileToRead file, CancellationToken cancellationToken)
    {
        string laidOut;
        try
        {
            laidOut = await converter.ConvertAsync(file, OfficeTarget.Pdf, cancellationToken);
        }
        catch (UnreadableFileException) when (OfficeProtection.IsProtected(file.Path, file.Kind))
        {
            throw new UnreadableFileException("the document is protected by a password and no configured password opens it");
        }

        return await pdf.ReadAsync(file with { Path = laidOut, Kind = FileKind.Pdf }, cancellationToken);
    }
}
