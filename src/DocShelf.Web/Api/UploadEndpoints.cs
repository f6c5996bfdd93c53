using System.Security.Cryptography;
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
/// Each file is written under a hidden temporary name and renamed when complete, so it is never read half-written.
/// Each file gets its own outcome: added, already on the shelf (not written again), or refused with its reason.
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

        if (request.ContentLength > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        if (!request.HasFormContentType)
        {
            return ApiProblems.BadRequest("Send the files as multipart/form-data, one part per file.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options); // a body sent without its length, stopped by the server at the limit
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return ApiProblems.BadRequest($"The upload is not well-formed multipart/form-data: {error.Message}");
        }

        if (form.Files.Count == 0)
        {
            return ApiProblems.BadRequest("The upload holds no file.");
        }

        if (form.Files.Sum(f => f.Length) > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        // Each file on its own: one refused file leaves the others to go in, and every file gets its own line.
        var refusals = form.Files.Select(file =>
        {
            var kind = Sniff(file);
            return (File: file, Kind: kind, Refusal: Refusal(file, kind));
        }).ToList();
        if (refusals.All(r => r.Refusal is not null))
        {
            // Nothing goes in: the reply of the first refusal, with every file's reason.
            return refusals[0].Refusal!.Value.Reply(string.Join(" ", refusals.Select(r => r.Refusal!.Value.Reason)));
        }

        var outcomes = new List<UploadOutcome>();
        foreach (var (file, kind, refusal) in refusals)
        {
            outcomes.Add(refusal is { } refused
                ? new UploadOutcome(UploadNames.Clean(file.FileName), UploadOutcome.Refused, file.Length) { Reason = refused.Reason }
                : KnownCopy(file, shelf) ?? await SaveAsync(file, kind, options.Inboxes[0], cancellationToken));
        }

        return outcomes.Any(o => o.Status == UploadOutcome.Added) ? TypedResults.Accepted("/api/status", outcomes) : TypedResults.Ok(outcomes);
    }

    /// <summary>Why a file cannot go in, and the reply that says so (400 or 415); null when it can.</summary>
    private static (string Reason, Func<string, ProblemHttpResult> Reply)? Refusal(IFormFile file, FileKind kind)
    {
        var name = UploadNames.Clean(file.FileName);
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
    private static UploadOutcome? KnownCopy(IFormFile file, Shelf shelf)
    {
        using var stream = file.OpenReadStream();
        var id = DocumentRecord.IdFromSha256(Convert.ToHexStringLower(SHA256.HashData(stream)));
        return shelf.Store.FindDocument(id) is { Status: DocumentStatus.Indexed } known
            ? new UploadOutcome(UploadNames.Clean(file.FileName), UploadOutcome.AlreadyOnShelf, file.Length)
            {
                Kind = known.Kind,
                DocumentId = known.Id,
                ExistingName = System.IO.Path.GetFileName(known.PrimaryPath),
            }
            : null;
    }

    private static FileKind Sniff(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        return FileTypeSniffer.Sniff(stream, file.FileName);
    }

    private static async Task<UploadOutcome> SaveAsync(IFormFile file, FileKind kind, string inbox, CancellationToken cancellationToken)
    {
        var name = UploadNames.Clean(file.FileName);
        var temporary = Path.Combine(inbox, $".upload-{Guid.NewGuid():N}");
        try
        {
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await file.CopyToAsync(target, cancellationToken);
            }

            var path = UploadNames.MoveToUnused(temporary, inbox, name);
            return new UploadOutcome(Path.GetFileName(path), UploadOutcome.Added, file.Length) { Path = path, Kind = kind };
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static ProblemHttpResult TooLarge(WebOptions options) =>
        ApiProblems.TooLarge($"An upload may hold at most {options.MaxUploadBytes / (1024 * 1024)} MB; copy larger files into the inbox folder directly.");
}
