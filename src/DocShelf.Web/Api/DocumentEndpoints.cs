using DocShelf.Core.Documents;
using DocShelf.Ingestion.PageImages;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using DocShelf.Search.Lexical;
using DocShelf.Web.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace DocShelf.Web.Api;

public static class DocumentEndpoints
{
    private const string OctetStream = "application/octet-stream";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/documents", (Shelf shelf) =>
            TypedResults.Ok(shelf.Store.AllDocuments().Select(DocumentSummary.Of).ToList()));
        routes.MapGet("/api/documents/{id}", Detail);
        routes.MapGet("/api/documents/{id}/pages/{number:int}", Page);
        routes.MapGet("/api/documents/{id}/pages/{number:int}/image", PageImageAsync);
        routes.MapGet("/api/documents/{id}/hits", Hits);
        routes.MapGet("/api/documents/{id}/original", Original);
        routes.MapDelete("/api/documents/{id}", RemoveAsync);
    }

    private static IResult Detail(string id, Shelf shelf, OriginalFiles originals)
    {
        if (Find(id, shelf, out var problem) is not { } document)
        {
            return problem!;
        }

        var pages = shelf.Store.PagesOf(id).Select(PageSummary.Of).ToList();
        return TypedResults.Ok(new DocumentDetail(DocumentSummary.Of(document), pages, document.Kind.HasPageImages(), originals.Problem(document)));
    }

    /// <param name="typing">1 when <paramref name="q"/> was searched as typed (its last word a prefix), as /api/search takes it.</param>
    /// <remarks>With a query, the route is held to the search time limit (<see cref="Security.SearchDeadline"/>).</remarks>
    private static IResult Page(string id, int number, string? q, string? typing, Shelf shelf, CancellationToken cancellationToken)
    {
        if (FindPage(id, number, shelf, out var problem) is not { } found)
        {
            return problem!;
        }

        var (document, page) = found;
        var query = q ?? "";
        if (query.Length > SearchRequest.MaxQueryLength)
        {
            return ApiProblems.BadRequest($"A query may be at most {SearchRequest.MaxQueryLength} characters long.");
        }

        try
        {
            var spans = shelf.Searcher.MatchingSpans(query, page.Text, SearchRequest.IsTyping(typing, query), cancellationToken);
            return TypedResults.Ok(PageView.Of(page, document.PageCount, ShelfSearcher.WordsUnder(spans, page), spans));
        }
        catch (QueryTooCostlyException error)
        {
            return ApiProblems.BadRequest(error.Message);
        }
    }

    /// <summary>
    /// Every place in the document where the query's words stand, under the same filters as /api/search takes, in
    /// page order: what the viewer steps through, and the count the search's reply gives for the document.
    /// </summary>
    private static IResult Hits(
        string id, string? q, string? typing, string? type, string? source, string? since, string? dated, Shelf shelf, CancellationToken cancellationToken)
    {
        if (Find(id, shelf, out var problem) is null)
        {
            return problem!;
        }

        var (request, invalid) = SearchRequest.Parse(q, null, type, source, since, null, typing, id, dated);
        if (request is null)
        {
            return ApiProblems.BadRequest(invalid!);
        }

        try
        {
            var hits = shelf.Searcher.WordHits(request.Query, request.Filters, request.AsYouType, cancellationToken);
            return TypedResults.Ok(new DocumentHits(id, request.Query, hits.Count, hits.Select(h => h.Page).Distinct().Count(), hits));
        }
        catch (QueryTooCostlyException error)
        {
            return ApiProblems.BadRequest(error.Message);
        }
    }

    private static async Task<IResult> PageImageAsync(string id, int number, Shelf shelf, PageImages images, CancellationToken cancellationToken)
    {
        if (FindPage(id, number, shelf, out var problem) is not { } found)
        {
            return problem!;
        }

        var (image, missing) = await images.GetAsync(found.Document, found.Page, cancellationToken);
        return image is null
            ? ApiProblems.NotFound(missing!)
            : TypedResults.Stream(image, "image/jpeg");
    }

    /// <summary>
    /// The original, shown in the browser (a PDF opens in its viewer, at the page a link's #page=N names) for the kinds
    /// a browser shows safely; any other kind is offered as a download.
    /// </summary>
    private static IResult Original(string id, Shelf shelf, OriginalFiles originals, HttpContext http)
    {
        if (Find(id, shelf, out var problem) is not { } document)
        {
            return problem!;
        }

        var (file, missing) = originals.Open(document);
        if (file is null)
        {
            return ApiProblems.NotFound(missing!);
        }

        var disposition = new ContentDispositionHeaderValue(ContentType(document.Kind) == OctetStream ? "attachment" : "inline");
        disposition.SetHttpFileName(Path.GetFileName(file.Path));
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(file.ToStream(), ContentType(document.Kind), lastModified: file.LastWriteTimeUtc, enableRangeProcessing: true);
    }

    /// <summary>Takes a document off the shelf; its original stays where it is, and is not read again until it changes.</summary>
    private static async Task<IResult> RemoveAsync(string id, Shelf shelf, ServiceBoard board, CancellationToken cancellationToken)
    {
        if (Find(id, shelf, out var problem) is not { } document)
        {
            return problem!;
        }

        if (shelf.Writer is not { } writer)
        {
            return ApiProblems.Conflict("This shelf is open for reading only; remove documents through the service that holds it.");
        }

        if (writer.Remove(id) is { } chunks && shelf.Searcher.Semantic is { } semantic)
        {
            await semantic.DropAsync(chunks, cancellationToken);
        }

        board.EditedShelf(); // the service's counts follow at once
        return TypedResults.Ok(new { removed = id, name = Path.GetFileName(document.PrimaryPath), kept = document.Paths });
    }

    private static DocumentRecord? Find(string id, Shelf shelf, out IResult? problem)
    {
        problem = null;
        if (!DocumentIds.IsWellFormed(id))
        {
            problem = ApiProblems.BadRequest("A document id is 16 hex digits, as /api/documents lists them.");
            return null;
        }

        var document = shelf.Store.FindDocument(id);
        problem = document is null ? ApiProblems.NotFound($"There is no document {id} on this shelf.") : null;
        return document;
    }

    private static (DocumentRecord Document, PageContent Page)? FindPage(string id, int number, Shelf shelf, out IResult? problem)
    {
        if (Find(id, shelf, out problem) is not { } document)
        {
            return null;
        }

        if (shelf.Store.FindPage(id, number) is { } page)
        {
            return (document, page);
        }

        problem = ApiProblems.NotFound($"Document {id} has no page {number}; it has {document.PageCount}.");
        return null;
    }

    private static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Tiff => "image/tiff",
        // Text may be in any encoding; the browser judges it. HTML is a download, never a page that could run.
        FileKind.Markdown => "text/markdown",
        FileKind.PlainText or FileKind.AsciiDoc or FileKind.ReStructuredText or FileKind.Org => "text/plain",
        _ => OctetStream,
    };
}
