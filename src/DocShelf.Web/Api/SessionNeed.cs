namespace DocShelf.Web.Api;

/// <summary>Whether the page must sign in with the access token before it can search.</summary>
public sealed record SessionNeed(bool TokenRequired);
