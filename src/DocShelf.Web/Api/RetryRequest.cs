namespace DocShelf.Web.Api;

/// <summary>The body of POST /api/retry: one quarantined document, or all of them when <see cref="DocumentId"/> is null.</summary>
public sealed record RetryRequest(string? DocumentId);
