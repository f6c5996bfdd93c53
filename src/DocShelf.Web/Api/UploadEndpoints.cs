using DocShelf.Core.Documents;
using DocShelf.Ingestion.Intake;
using DocShelf.Search;
using DocShelf.Web.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

/// <summary>
/// POST /api/upload: multipart files, written into the first inbox, where the worker takes them like any other file.
/// Each file is received under a hidden name in the inbox (<see cref="UploadStaging"/>) and renamed when complete and
/// accepted, so it is never read half-written and nothing is left in the system's temporary folder. Each file gets
/// its own outcome: added, already on the shelf (not written again), or refused with its reason.
/// </summary>
public static class UploadEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/upload", UploadAsync).DisableAntiforgery();

    private static async Task<IResult> UploadAsync(HttpRequest request, WebOptions options, Shelf shelf, CancellationToken cancellationToken)
    {
        if (options.Inboxes.Count == 0)
        {
            return ApiProblems.Conflict("This service watches no inbox, so there is nowhere to put uploads.");
        }

        if (!Directory.Exists(options.Inboxes[0]))
        {
            return ApiProblems.Conflict($"The upload inbox {options.Inboxes[0]} does not exist; make it, or name another first inbox in docshelf.json.");
        }

        if (request.ContentLength > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        if (!UploadStaging.IsMultipart(request))
        {
            return ApiProblems.BadRequest("Send the files as multipart/form-data, one part per file.");
        }

        IReadOnlyList<StagedFile> files;
        try
        {
            files = await UploadStaging.ReadAsync(request, options.Inboxes[0], options.MaxUploadBytes, cancellationToken);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options); // past the limit, whether the body gave its length or not
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return ApiProblems.BadRequest($"The upload is not well-formed multipart/form-data: {error.Message}");
        }

        try
        {
            return files.Count == 0 ? ApiProblems.BadRequest("The upload holds no file.") : Place(files, shelf, options.Inboxes[0]);
        }
        finally
        {
            UploadStaging.Discard(files);
        }
    }

    /// <summary>Each file on its own: one refused file leaves the others to go in, and every file gets its own line.</summary>
    private static IResult Place(IReadOnlyList<StagedFile> files, Shelf shelf, string inbox)
    {
        var refusals = files.Select(file =>
        {
            var kind = Sniff(file);
            return (File: file, Kind: kind, Refusal: Refusal(file, kind));
        }).ToList();
        if (refusals.All(r => r.Refusal is not null))
        {
            // Nothing goes in: the reply of the first refusal, with every file's reason.
            return refusals[0].Refusal!.Value.Reply(string.Join(" ", refusals.Select(r => r.Refusal!.Value.Reason)));
        }

        var outcomes = refusals.Select(r => r.Refusal is { } refused
            ? new UploadOutcome(UploadNames.Clean(r.File.SentName), UploadOutcome.Refused, r.File.Length) { Reason = refused.Reason }
            : KnownCopy(r.File, shelf) ?? MoveIn(r.File, r.Kind, inbox)).ToList();
        return outcomes.Any(o => o.Status == UploadOutcome.Added) ? TypedResults.Accepted("/api/status", outcomes) : TypedResults.Ok(outcomes);
    }

    /// <summary>Why a file cannot go in, and the reply that says so (400 or 415); null when it can.</summary>
    private static (string Reason, Func<string, ProblemHttpResult> Reply)? Refusal(StagedFile file, FileKind kind)
    {
        var name = UploadNames.Clean(file.SentName);
        if (file.Length == 0)
        {
            return ($"{name} is empty.", ApiProblems.BadRequest);
        }

        if (UploadNames.Unreadable(name) is { } unreadable)
        {
            return (unreadable, ApiProblems.BadRequest);
        }

        return kind == FileKind.Unknown
            ? ($"{name} is not a kind of file DocShelf reads: {FileKindExtensions.Readable}.", ApiProblems.Unsupported)
            : null;
    }

    /// <summary>The outcome of a file whose very bytes are already on the shelf, which is then not written again; null otherwise.</summary>
    private static UploadOutcome? KnownCopy(StagedFile file, Shelf shelf) =>
        shelf.Store.FindDocument(DocumentRecord.IdFromSha256(file.Sha256)) is { Status: DocumentStatus.Indexed } known
            ? new UploadOutcome(UploadNames.Clean(file.SentName), UploadOutcome.AlreadyOnShelf, file.Length)
            {
                Kind = known.Kind,
                DocumentId = known.Id,
                ExistingName = System.IO.Path.GetFileName(known.PrimaryPath),
            }
            : null;

    private static FileKind Sniff(StagedFile file)
    {
        using var stream = File.OpenRead(file.Path);
        return FileTypeSniffer.Sniff(stream, file.SentName);
    }

    private static UploadOutcome MoveIn(StagedFile file, FileKind kind, string inbox)
    {
        var path = UploadNames.MoveToUnused(file.Path, inbox, UploadNames.Clean(file.SentName));
        return new UploadOutcome(Path.GetFileName(path), UploadOutcome.Added, file.Length)
        {
            Path = path,
            Kind = kind,
            DocumentId = DocumentRecord.IdFromSha256(file.Sha256), // the id the shelf gives these bytes, to follow them by
        };
    }

    private static ProblemHttpResult TooLarge(WebOptions options) =>
        ApiProblems.TooLarge($"An upload may hold at most {options.MaxUploadBytes / (1024 * 1024)} MB; copy larger files into the inbox folder directly.");
}
