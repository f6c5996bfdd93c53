namespace DocShelf.Models.Generation;

/// <summary>How text is generated: how much, how freely, and where it stops.</summary>
public sealed record GenerationOptions
{
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>0 picks the likeliest token every time (greedy, repeatable); above 0, tokens are sampled.</summary>
    public double Temperature { get; init; }

    /// <summary>Sampling draws from the smallest set of likeliest tokens whose probabilities reach this share.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Fixes the sampling's random draws, so a sampled answer can be repeated.</summary>
    public int? Seed { get; init; }

    /// <summary>Text that ends the generation; it is not part of the result.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];
}
