using DocShelf.Core.Documents;

namespace DocShelf.Web.Api;

/// <summary>One file accepted by /api/upload: the name it was given in the inbox, its size and what it is.</summary>
public sealed record UploadedFile(string Name, string Path, long Bytes, FileKind Kind);
