namespace DocShelf.Web.Api;

/// <summary>The body of POST /api/session: the access token typed on the page.</summary>
public sealed record SessionRequest(string? Token);
