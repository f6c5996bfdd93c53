namespace DocShelf.Web.Files;

/// <summary>One file of an upload as it was received: the name the browser sent, where its bytes wait hidden in the inbox, their size and SHA-256.</summary>
public sealed record StagedFile(string SentName, string Path, long Length, string Sha256);
