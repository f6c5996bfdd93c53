using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Core.Reading;
using DocShelf.Ingestion.Readers;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// Hands the file to the reader for its kind, which lays out its pages: text it can take as it is (a good PDF text
/// layer, a text file, an office document's words), and the pages that must go to OCR, with where their images come
/// from. A zip is checked first, so no reader opens a zip bomb.
/// </summary>
public sealed class ExtractStep(ReaderCatalogue readers, ZipLimits zipLimits) : IIngestionStep
{
    public string Name => "extract";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var reader = readers.For(context.Kind) ?? throw new UnreadableFileException($"no reader for {context.Kind.ToName()} files");
        if (context.Kind.IsZip())
        {
            zipLimits.Check(context.ReadPath);
        }

        var reading = await reader.ReadAsync(new FileToRead(context.ReadPath, context.Kind, context.WorkDirectory), cancellationToken);
        context.Pages.AddRange(reading.Pages);
        context.PagesToRecognise.AddRange(reading.PagesToRecognise);
        context.Drawing = reading.Drawing;
        context.Properties = reading.Properties;
        context.Attachments.AddRange(reading.Attachments);
    }
}
