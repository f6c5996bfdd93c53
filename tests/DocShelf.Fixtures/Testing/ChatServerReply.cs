namespace DocShelf.Fixtures.Testing;

/// <summary>How the test chat server answers the next request.</summary>
public sealed record ChatServerReply
{
    /// <summary>The answer's text, sent as these pieces in order.</summary>
    public IReadOnlyList<string> Pieces { get; init; } = [];

    /// <summary>Waited before the first piece is sent.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Sent instead of a well-formed stream, as the body of a 200 reply.</summary>
    public string? RawBody { get; init; }

    public int Status { get; init; } = 200;

    public static ChatServerReply Streaming(params string[] pieces) => new() { Pieces = pieces };
}
