using System.Text.Json.Serialization;
using DocShelf.Core.Documents;

namespace DocShelf.Web.Api;

/// <summary>
/// What became of one file of an upload: <c>added</c> to the inbox (its name there, path, size, kind, and the id it will have once read),
/// <c>alreadyOnShelf</c> (the same bytes are on the shelf as <see cref="ExistingName"/>, so nothing was written), or
/// <c>refused</c> with the <see cref="Reason"/>.
/// </summary>
public sealed record UploadOutcome(string Name, string Status, long Bytes)
{
    public const string Added = "added";
    public const string AlreadyOnShelf = "alreadyOnShelf";
    public const string Refused = "refused";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FileKind? Kind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DocumentId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExistingName { get; init; }
}
