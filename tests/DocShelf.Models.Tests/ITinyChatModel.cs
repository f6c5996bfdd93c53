namespace DocShelf.Models.Tests;

/// <summary>A generated tiny chat model's greedy runs, as an independent NumPy forward pass of its weights made them.</summary>
public interface ITinyChatModel
{
    static abstract TinyModels.GenerationReference Reference { get; }
}
