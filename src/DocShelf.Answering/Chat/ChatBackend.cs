using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Answering.Chat;

/// <summary>A chat model behind Semantic Kernel's chat completion abstraction, with the settings each request carries.</summary>
/// <param name="Name">How answers name their writer, such as "openai:qwen2.5:0.5b" or "local:qwen3-4b".</param>
/// <param name="Where">Where the model lives, for notices: a URL or a folder.</param>
public sealed record ChatBackend(string Name, string Where, IChatCompletionService Service, PromptExecutionSettings Settings) : IDisposable
{
    /// <summary>
    /// For a model whose context DocShelf knows (one in this process): the tokens a conversation takes and the room
    /// the model has for it, the answer's tokens set aside. Sources are trimmed until the conversation fits.
    /// </summary>
    public Func<ChatHistory, (int Tokens, int Room)>? MeasurePrompt { get; init; }

    /// <summary>Frees the model when the service holds one in this process (a local ONNX model does).</summary>
    public void Dispose() => (Service as IDisposable)?.Dispose();
}
