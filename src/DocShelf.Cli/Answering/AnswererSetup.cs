using DocShelf.Answering.Answers;
using DocShelf.Answering.Chat;
using DocShelf.Answering.Extractive;
using DocShelf.Cli.Commands;
using DocShelf.Cli.Settings;
using DocShelf.Search;

namespace DocShelf.Cli.Answering;

/// <summary>The answerer the settings choose (AnswerBackend), built over a shelf.</summary>
public static class AnswererSetup
{
    public static IAnswerer Create(Shelf shelf, ShelfSettings settings)
    {
        var options = settings.ToChatOptions();
        return settings.AnswerBackend.Trim().ToLowerInvariant() switch
        {
            "extractive" => new ExtractiveAnswerer(shelf.Searcher, shelf.Store),
            "openai" => new ChatAnswerer(shelf.Searcher, shelf.Store, OpenAiBackend(settings, options), options),
            _ => throw new UsageException($"AnswerBackend must be extractive or openai, not \"{settings.AnswerBackend}\"."),
        };
    }

    private static ChatBackend OpenAiBackend(ShelfSettings settings, ChatAnswererOptions options) =>
        ChatBackends.OpenAiCompatible(ChatEndpoint.Check(settings.ChatUrl, settings.ChatAllowRemote), settings.ChatModel ?? "", options, settings.ChatApiKey);
}
