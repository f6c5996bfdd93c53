using DocShelf.Answering.Extractive;

namespace DocShelf.Answering.Chat;

/// <summary>How a generative answer is asked for, and how long DocShelf waits for it before answering extractively.</summary>
public sealed record ChatAnswererOptions
{
    /// <summary>Chunks given to the model as numbered sources.</summary>
    public int Sources { get; init; } = 5;

    /// <summary>Longest source text given to the model, in characters; a chunk is cut at a word beyond it.</summary>
    public int MaxSourceCharacters { get; init; } = 1200;

    public int MaxTokens { get; init; } = 300;

    /// <summary>0 answers greedily (the same question gives the same answer); above it, samples.</summary>
    public double Temperature { get; init; }

    /// <summary>Sampling keeps the smallest set of likeliest tokens whose probabilities reach this sum.</summary>
    public double TopP { get; init; } = 0.9;

    /// <summary>How long to wait for the first piece of the answer (a model may first need loading).</summary>
    public TimeSpan FirstTokenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the whole answer may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Share of a sentence's search terms its cited source must hold for the citation to stand; a citation below it
    /// is removed as unsupported.
    /// </summary>
    public double MinimumClaimSupport { get; init; } = 0.5;

    /// <summary>How the extractive answer given in the model's place is chosen.</summary>
    public ExtractiveOptions Fallback { get; init; } = new();
}
