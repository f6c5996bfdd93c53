namespace DocShelf.Models.Gguf;

/// <summary>How a GGUF model is loaded for answers.</summary>
/// <param name="ContextTokens">Tokens the prompt and answer may take together; the model's trained context when smaller.</param>
/// <param name="Threads">Threads llama.cpp computes with.</param>
public sealed record GgufLoading(int ContextTokens, int Threads);
