namespace DocShelf.Web.Api;

/// <summary>What <c>/health</c> answers while the service runs.</summary>
public sealed record HealthReply(string Status);
