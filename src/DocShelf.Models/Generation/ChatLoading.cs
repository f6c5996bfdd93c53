namespace DocShelf.Models.Generation;

/// <summary>How a local chat model is loaded for answers.</summary>
/// <param name="ContextTokens">Tokens the prompt and answer may take together; the model's trained context when smaller.</param>
/// <param name="Threads">
/// Threads the model computes with (fewer while OCR is at work, say): llama.cpp asks again before each answer, ONNX
/// Runtime GenAI once, when the model loads.
/// </param>
public sealed record ChatLoading(int ContextTokens, Func<int> Threads)
{
    /// <summary>Every core, whatever else the machine is doing.</summary>
    public static Func<int> AllCores { get; } = () => Environment.ProcessorCount;
}
