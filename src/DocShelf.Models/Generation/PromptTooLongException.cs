namespace DocShelf.Models.Generation;

/// <summary>The prompt does not fit in the model's context beside the answer, even with its sources trimmed.</summary>
/// <param name="contextTokens">The tokens the context leaves a prompt.</param>
public sealed class PromptTooLongException(int promptTokens, int contextTokens)
    : Exception($"the prompt takes {promptTokens} tokens, and the model's context leaves it room for {contextTokens}; lower ChatMaxTokens or raise ChatContextTokens")
{
    public int PromptTokens { get; } = promptTokens;

    public int ContextTokens { get; } = contextTokens;

    /// <summary>Refuses a prompt that leaves no token of the context for the answer, before any work on it.</summary>
    public static void ThrowIfNoRoom(int promptTokens, int contextTokens)
    {
        ArgumentOutOfRangeException.ThrowIfZero(promptTokens);
        if (promptTokens >= contextTokens)
        {
            throw new PromptTooLongException(promptTokens, contextTokens);
        }
    }
}
