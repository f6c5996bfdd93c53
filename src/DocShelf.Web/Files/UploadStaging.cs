using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DocShelf.Web.Files;

/// <summary>
/// Receives an upload's files straight from the request into the inbox, each under a hidden name
/// (".upload-" and 32 hex digits) that the inbox walk never reads, hashing them on the way; the endpoint then renames
/// each into place or removes it. Nothing goes through the system's temporary folder, where a kill would leave copies
/// nobody removes; a kill here leaves hidden files that <see cref="SweepLeftovers"/> removes at the next start.
/// </summary>
public static partial class UploadStaging
{
    /// <summary>The most parts, files or other fields, one upload may hold.</summary>
    public const int MostParts = 1000;

    private const string Prefix = ".upload-";

    /// <summary>A hidden path in <paramref name="inbox"/> for a file on its way in.</summary>
    public static string NewPath(string inbox) => Path.Combine(inbox, $"{Prefix}{Guid.NewGuid():N}");

    /// <summary>Writes every file part of a multipart/form-data request into <paramref name="inbox"/>; other parts are skipped.</summary>
    /// <param name="mostBytes">The most the files may hold together; past it, the request is refused as too large.</param>
    /// <exception cref="BadHttpRequestException">Too large (413), or not well-formed multipart (400).</exception>
    public static async Task<IReadOnlyList<StagedFile>> ReadAsync(HttpRequest request, string inbox, long mostBytes, CancellationToken cancellationToken)
    {
        var boundary = Boundary(request) ?? throw new BadHttpRequestException("its Content-Type names no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        var staged = new List<StagedFile>();
        try
        {
            for (var parts = 1; await reader.ReadNextSectionAsync(cancellationToken) is { } section; parts++)
            {
                if (parts > MostParts)
                {
                    throw new BadHttpRequestException($"an upload may hold at most {MostParts} parts.");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue; // a field, not a file: the reader passes over its body
                }

                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
                staged.Add(await StageAsync(section.Body, name ?? "", inbox, mostBytes - staged.Sum(f => f.Length), cancellationToken));
            }

            return staged;
        }
        catch
        {
            Discard(staged);
            throw;
        }
    }

    /// <summary>Whether the request says it is multipart/form-data.</summary>
    public static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Removes whatever of <paramref name="files"/> is still waiting; a file renamed into place is no longer there.</summary>
    public static void Discard(IEnumerable<StagedFile> files)
    {
        foreach (var file in files)
        {
            File.Delete(file.Path);
        }
    }

    /// <summary>Removes the hidden files of uploads a kill cut short; returns how many. Only regular files of exactly that name are touched.</summary>
    public static int SweepLeftovers(string inbox)
    {
        if (!Directory.Exists(inbox))
        {
            return 0;
        }

        var leftovers = new DirectoryInfo(inbox).EnumerateFiles($"{Prefix}*")
            .Where(file => StagingName().IsMatch(file.Name) && file.LinkTarget is null)
            .ToList();
        leftovers.ForEach(file => file.Delete());
        return leftovers.Count;
    }

    /// <summary>The boundary the request's Content-Type names; null when none, or one longer than RFC 2046 allows.</summary>
    private static string? Boundary(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && HeaderUtilities.RemoveQuotes(type.Boundary) is { Length: > 0 and <= 70 } boundary
            ? boundary.Value
            : null;

    private static async Task<StagedFile> StageAsync(Stream body, string sentName, string inbox, long roomLeft, CancellationToken cancellationToken)
    {
        var path = NewPath(inbox);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > roomLeft)
                    {
                        throw new BadHttpRequestException("The upload is larger than allowed.", StatusCodes.Status413PayloadTooLarge);
                    }

                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new StagedFile(sentName, path, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    [GeneratedRegex("^\\.upload-[0-9a-f]{32}$")]
    private static partial Regex StagingName();
}
