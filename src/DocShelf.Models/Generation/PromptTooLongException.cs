namespace DocShelf.Models.Generation;

/// <summary>The prompt does not leave the model room to answer within the context it was trained for.</summary>
public sealed class PromptTooLongException(int promptTokens, int contextTokens)
    : Exception($"the prompt is {promptTokens} tokens long, and the model's context holds {contextTokens}; give it fewer or shorter sources")
{
    public int PromptTokens { get; } = promptTokens;

    public int ContextTokens { get; } = contextTokens;
}
