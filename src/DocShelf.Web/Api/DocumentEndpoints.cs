using DocShelf.Core.Documents;
using DocShelf.Search;
using DocShelf.Web.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DocShelf.Web.Api;

public static class DocumentEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/documents", (Shelf shelf) =>
            TypedResults.Ok(shelf.Store.AllDocuments().Select(DocumentSummary.Of).ToList()));
        routes.MapGet("/api/documents/{id}", Detail);
        routes.MapGet("/api/documents/{id}/pages/{number:int}", Page);
        routes.MapGet("/api/documents/{id}/pages/{number:int}/image", PageImageAsync);
        routes.MapGet("/api/documents/{id}/original", Original);
    }

    private static IResult Detail(string id, Shelf shelf, OriginalFiles originals)
    {
        if (Find(id, shelf, out var problem) is not { } document)
        {
            return problem!;
        }

        var pages = shelf.Store.PagesOf(id).Select(PageSummary.Of).ToList();
        var hasImages = document.Kind is FileKind.Pdf or FileKind.Png or FileKind.Jpeg or FileKind.Tiff;
        return TypedResults.Ok(new DocumentDetail(DocumentSummary.Of(document), pages, hasImages, originals.Problem(document)));
    }

    private static IResult Page(string id, int number, string? q, Shelf shelf)
    {
        if (FindPage(id, number, shelf, out var problem) is not { } found)
        {
            return problem!;
        }

        var (document, page) = found;
        return TypedResults.Ok(PageView.Of(page, document.PageCount, shelf.Searcher.MatchingWords(q ?? "", page), shelf.Searcher.MatchingSpans(q ?? "", page.Text)));
    }

    private static async Task<IResult> PageImageAsync(string id, int number, Shelf shelf, PageImageCache images, CancellationToken cancellationToken)
    {
        if (FindPage(id, number, shelf, out var problem) is not { } found)
        {
            return problem!;
        }

        var (path, missing) = await images.GetAsync(found.Document, found.Page, cancellationToken);
        return path is null
            ? ApiProblems.NotFound(missing!)
            : TypedResults.PhysicalFile(path, "image/png", enableRangeProcessing: false);
    }

    private static IResult Original(string id, Shelf shelf, OriginalFiles originals)
    {
        if (Find(id, shelf, out var problem) is not { } document)
        {
            return problem!;
        }

        var (file, missing) = originals.Open(document);
        return file is null
            ? ApiProblems.NotFound(missing!)
            : TypedResults.File(file.ToStream(), ContentType(document.Kind), Path.GetFileName(file.Path), file.LastWriteTimeUtc, enableRangeProcessing: true);
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
        FileKind.Markdown => "text/markdown; charset=utf-8",
        FileKind.PlainText => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
