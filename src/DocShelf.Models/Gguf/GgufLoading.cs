namespace DocShelf.Models.Gguf;

/// <summary>How a GGUF model is loaded for answers.</summary>
/// <param name="ContextTokens">Tokens the prompt and answer may take together; the model's trained context when smaller.</param>
/// <param name="Threads">Threads llama.cpp computes with, asked again before each answer (fewer while OCR is at work, say).</param>
public sealed record GgufLoading(int ContextTokens, Func<int> Threads)
{
    /// <summary>Every core, whatever else the machine is doing.</summary>
    public static Func<int> AllCores { get; } = () => Environment.ProcessorCount;
}
