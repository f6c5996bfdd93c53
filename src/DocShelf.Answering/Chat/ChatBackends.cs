using System.ClientModel;
using System.ClientModel.Primitives;
using DocShelf.Models.Generation;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace DocShelf.Answering.Chat;

/// <summary>Builds the chat backends DocShelf can answer with.</summary>
public static class ChatBackends
{
    /// <summary>
    /// Any server speaking OpenAI's chat completions API: Ollama (http://127.0.0.1:11434/v1), LM Studio
    /// (http://127.0.0.1:1234/v1), llama.cpp's llama-server (http://127.0.0.1:8080/v1).
    /// </summary>
    public static ChatBackend OpenAiCompatible(Uri endpoint, string model, ChatAnswererOptions options, string? apiKey = null)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ChatSetupException("Name the model the chat server should use with ChatModel, for example qwen2.5:0.5b for Ollama.");
        }

        var client = new OpenAIClient(new ApiKeyCredential(apiKey ?? "none"), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // DocShelf's own time limits apply, and a failed answer falls back at once rather than being retried.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
        var service = new OpenAIChatCompletionService(model, client);
        var settings = new OpenAIPromptExecutionSettings
        {
            MaxTokens = options.MaxTokens,
            Temperature = options.Temperature,
            TopP = options.Temperature > 0 ? options.TopP : null,
        };
        return new ChatBackend($"openai:{model}", endpoint.ToString(), service, settings);
    }

    /// <summary>A chat model running in this process, named "local:NAME" in answers; the backend owns the generator.</summary>
    public static ChatBackend Local(IChatGenerator generator, string modelName, ChatAnswererOptions options) =>
        new($"local:{modelName}", generator.Source, new LocalChatCompletionService(generator, modelName), PlainSettings(options))
        {
            MeasurePrompt = history => (
                generator.CountTokens(generator.ChatPromptFor(LocalChatCompletionService.TurnsOf(history))),
                generator.ContextTokens - options.MaxTokens),
        };

    /// <summary>Settings any backend can read from the extension data: OpenAI's names for the same knobs.</summary>
    public static PromptExecutionSettings PlainSettings(ChatAnswererOptions options) => new()
    {
        ExtensionData = new Dictionary<string, object>
        {
            ["max_tokens"] = options.MaxTokens,
            ["temperature"] = options.Temperature,
            ["top_p"] = options.TopP,
        },
    };
}
