namespace DocShelf.Models.Generation;

/// <summary>
/// A chat model running in this process: a conversation goes in through the model's own chat template, and the
/// answer comes out in pieces as its tokens are made, never splitting a character.
/// </summary>
public interface IChatGenerator : IDisposable
{
    /// <summary>Where the model lives (its file or folder), for notices.</summary>
    string Source { get; }

    /// <summary>How many tokens the prompt and the answer may take together.</summary>
    int ContextTokens { get; }

    /// <summary>
    /// The prompt a conversation makes in the model's chat template. Special tokens written out in a message are
    /// taken out first: a document on the shelf must not be able to end a turn or start one of its own.
    /// </summary>
    string ChatPromptFor(IEnumerable<ChatTurn> turns);

    /// <summary>Stop sequences to use with a chat prompt: the caller's, and whatever text ends the model's turn.</summary>
    IReadOnlyList<string> ChatStops(IEnumerable<string> stops);

    /// <summary>How many tokens <paramref name="text"/> takes, as a prompt holding it would take them.</summary>
    int CountTokens(string text);

    /// <exception cref="PromptTooLongException">The prompt leaves no room for the answer in <see cref="ContextTokens"/>.</exception>
    IEnumerable<string> Generate(string prompt, GenerationOptions options, CancellationToken cancellationToken = default);
}
