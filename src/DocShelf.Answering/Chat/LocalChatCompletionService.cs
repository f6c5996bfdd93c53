using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DocShelf.Models.Generation;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Answering.Chat;

/// <summary>
/// Semantic Kernel's chat completion over a chat model in this process (a GGUF file through llama.cpp, an ONNX
/// model through ONNX Runtime GenAI): the conversation is laid out in the model's chat template, and the answer streams back piece by piece.
/// Reads max_tokens, temperature, top_p, seed and stop from the request settings' extension data, as OpenAI's API
/// names them.
/// </summary>
public sealed class LocalChatCompletionService(IChatGenerator generator, string modelName) : IChatCompletionService, IDisposable
{
    private const int DefaultMaxTokens = 300;

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>
    {
        ["ModelId"] = modelName, // the key Semantic Kernel's services use for their model
    };

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        await foreach (var piece in GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken))
        {
            text.Append(piece.Content);
        }

        return [new ChatMessageContent(AuthorRole.Assistant, text.ToString(), modelName)];
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prompt = generator.ChatPromptFor(TurnsOf(chatHistory));
        var options = OptionsFrom(executionSettings?.ExtensionData);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // Generation blocks a thread for its whole length; on a worker of its own, a caller's time limit can still
        // end the wait, even in the middle of the first, longest pass over the prompt.
        var writer = Task.Run(() => Produce(prompt, options, pieces.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var piece in pieces.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new StreamingChatMessageContent(AuthorRole.Assistant, piece, modelId: modelName);
            }
        }
        finally
        {
            await stop.CancelAsync(); // a reader that stopped early stops the generation too
            await writer;
        }
    }

    public void Dispose() => generator.Dispose();

    /// <summary>The conversation as the model's template takes it.</summary>
    public static IEnumerable<ChatTurn> TurnsOf(ChatHistory history) => history.Select(m => new ChatTurn(m.Role.Label, m.Content ?? ""));

    private void Produce(string prompt, GenerationOptions options, ChannelWriter<string> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var piece in generator.Generate(prompt, options, cancellationToken))
            {
                writer.TryWrite(piece);
            }

            writer.TryComplete();
        }
        catch (Exception error)
        {
            writer.TryComplete(error);
        }
    }

    private GenerationOptions OptionsFrom(IDictionary<string, object>? settings) => new()
    {
        MaxNewTokens = (int)(Number(settings, "max_tokens") ?? DefaultMaxTokens),
        Temperature = Number(settings, "temperature") ?? 0,
        TopP = Number(settings, "top_p") ?? 1,
        Seed = Number(settings, "seed") is { } seed ? (int)seed : null,
        StopSequences = generator.ChatStops(Texts(settings, "stop")),
    };

    /// <summary>A number given as a number, as text, or as JSON (settings read from a file arrive as JsonElement).</summary>
    private static double? Number(IDictionary<string, object>? settings, string key) =>
        settings is not null && settings.TryGetValue(key, out var value)
            ? value switch
            {
                JsonElement { ValueKind: JsonValueKind.Number } json => json.GetDouble(),
                JsonElement { ValueKind: JsonValueKind.String } json => double.Parse(json.GetString()!, CultureInfo.InvariantCulture),
                string text => double.Parse(text, CultureInfo.InvariantCulture),
                IConvertible number => number.ToDouble(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;

    private static IEnumerable<string> Texts(IDictionary<string, object>? settings, string key) =>
        settings is not null && settings.TryGetValue(key, out var value)
            ? value switch
            {
                string one => [one],
                IEnumerable<string> many => many,
                JsonElement { ValueKind: JsonValueKind.Array } json => json.EnumerateArray().Select(e => e.GetString() ?? "").Where(s => s.Length > 0),
                _ => [],
            }
            : [];
}
