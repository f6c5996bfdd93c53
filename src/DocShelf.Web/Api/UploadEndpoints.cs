using DocShelf.Core.Documents;
using DocShelf.Ingestion.Intake;
using DocShelf.Web.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

/// <summary>
/// POST /api/upload: multipart files, written into the first inbox, where the worker takes them like any other file.
/// Each file is written under a hidden temporary name and renamed when complete, so it is never read half-written.
/// </summary>
public static class UploadEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/upload", UploadAsync).DisableAntiforgery();

    private static async Task<IResult> UploadAsync(HttpRequest request, WebOptions options, CancellationToken cancellationToken)
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

        var problem = Check(form.Files, options);
        if (problem is not null)
        {
            return problem;
        }

        var saved = new List<UploadedFile>();
        foreach (var file in form.Files)
        {
            saved.Add(await SaveAsync(file, options.Inboxes[0], cancellationToken));
        }

        return TypedResults.Accepted("/api/status", saved);
    }

    /// <summary>Checks every file before any is written, so a refused upload leaves nothing behind.</summary>
    private static ProblemHttpResult? Check(IFormFileCollection files, WebOptions options)
    {
        if (files.Sum(f => f.Length) > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        foreach (var file in files)
        {
            var name = UploadNames.Clean(file.FileName);
            if (file.Length == 0)
            {
                return ApiProblems.BadRequest($"{name} is empty.");
            }

            if (UploadNames.Unreadable(name) is { } unreadable)
            {
                return ApiProblems.BadRequest(unreadable);
            }

            if (Sniff(file) == FileKind.Unknown)
            {
                return ApiProblems.Unsupported($"{name} is not a PDF, PNG, JPEG, TIFF, text or Markdown file.");
            }
        }

        return null;
    }

    private static FileKind Sniff(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        var head = new byte[8192];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return FileTypeSniffer.Sniff(head.AsSpan(0, length), file.FileName);
    }

    private static async Task<UploadedFile> SaveAsync(IFormFile file, string inbox, CancellationToken cancellationToken)
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
            return new UploadedFile(Path.GetFileName(path), path, file.Length, Sniff(file));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static ProblemHttpResult TooLarge(WebOptions options) =>
        ApiProblems.TooLarge($"An upload may hold at most {options.MaxUploadBytes / (1024 * 1024)} MB; copy larger files into the inbox folder directly.");
}
