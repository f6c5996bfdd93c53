using DocShelf.Core.Documents;
using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Intake;

namespace DocShelf.Ingestion.Steps;

/// <summary>
/// Hashes the file (counting the bytes it reads), judges its type from its bytes, and stops here when the same bytes
/// are already shelved. The runner has already opened it as a regular file under the path rule. An attachment is
/// always read: it is a document of its message, whatever else holds the same bytes.
/// </summary>
public sealed class IdentifyStep(IDocumentSink shelf, IngestionOptions options) : IIngestionStep
{
    public string Name => "identify";

    public async Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var stated = new FileInfo(context.ReadPath).Length;
        if (stated > options.MaxFileBytes)
        {
            throw new UnreadableFileException($"the file is {stated / 1e6:0} MB, more than the limit of {options.MaxFileBytes / 1e6:0} MB");
        }

        (context.Sha256, context.Bytes) = await ContentHasher.Sha256HexAsync(context.ReadPath, options.MaxFileBytes, cancellationToken);
        context.DocumentId = context.Origin is { } origin
            ? DocumentRecord.IdOfAttachment(origin, context.Sha256)
            : DocumentRecord.IdFromSha256(context.Sha256);
        context.Kind = FileTypeSniffer.Sniff(context.ReadPath, context.Path);

        if (context.Origin is null && shelf.AttachPath(context.Path, context.DocumentId) is { } existing)
        {
            context.Existing = existing;
            context.IsComplete = true;
            return;
        }

        if (context.Bytes == 0)
        {
            throw new UnreadableFileException("the file is empty (0 bytes)");
        }

        if (context.Kind == FileKind.Unknown)
        {
            throw new UnreadableFileException($"unsupported file type: DocShelf reads {FileKindExtensions.Readable}");
        }
    }
}
