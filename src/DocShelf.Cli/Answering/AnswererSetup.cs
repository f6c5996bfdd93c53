using DocShelf.Answering.Answers;
using DocShelf.Answering.Chat;
using DocShelf.Answering.Extractive;
using DocShelf.Cli.Commands;
using DocShelf.Cli.Settings;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;
using DocShelf.Models.Library;
using DocShelf.Search;

namespace DocShelf.Cli.Answering;

/// <summary>The answerer the settings choose (AnswerBackend), built over a shelf.</summary>
public static class AnswererSetup
{
    /// <param name="library">Where the local backend finds its chat model: the shelf's own model library unless given.</param>
    /// <param name="threads">How many threads a local model computes an answer with, asked for each; every core when null.</param>
    public static IAnswerer Create(Shelf shelf, ShelfSettings settings, ModelLibrary? library = null, Func<int>? threads = null)
    {
        var options = settings.ToChatOptions();
        return settings.ChosenAnswerBackend() switch
        {
            "extractive" => new ExtractiveAnswerer(shelf.Searcher, shelf.Store, settings.ToExtractiveOptions()),
            "openai" => new ChatAnswerer(shelf.Searcher, shelf.Store, OpenAiBackend(settings, options), options),
            "local" => new ChatAnswerer(shelf.Searcher, shelf.Store, LocalBackend(library ?? new ModelLibrary(shelf.DataDirectory), settings, options, threads), options),
            _ => throw new UsageException($"AnswerBackend must be extractive, openai or local, not \"{settings.AnswerBackend}\"."),
        };
    }

    private static ChatBackend LocalBackend(ModelLibrary library, ShelfSettings settings, ChatAnswererOptions options, Func<int>? threads)
    {
        var name = library.ActiveChat() ?? throw new ChatSetupException(
            "AnswerBackend is local, but no chat model is chosen: import one with `docshelf models import FILE.gguf` (or an ONNX model's folder), then `docshelf models use NAME`.");
        if (library.Find(name) is null)
        {
            throw new ChatSetupException($"The chat model in use, {name}, is no longer in {library.Folder}; import it again or choose another with `docshelf models use`.");
        }

        // Loaded at the first question, so a model that no longer loads or fits gives the extractive answer with the reason.
        var loading = new ChatLoading(Math.Max(256, settings.ChatContextTokens), threads ?? ChatLoading.AllCores);
        var unloadAfter = settings.ChatUnloadIdleMinutes > 0 ? TimeSpan.FromMinutes(settings.ChatUnloadIdleMinutes) : (TimeSpan?)null;
        return ChatBackends.Local(new OnDemandChatGenerator(library.FolderOf(name), () => library.OpenChat(name, loading), unloadAfter), name, options);
    }

    private static ChatBackend OpenAiBackend(ShelfSettings settings, ChatAnswererOptions options) =>
        ChatBackends.OpenAiCompatible(ChatEndpoint.Check(settings.ChatUrl, settings.ChatAllowRemote), settings.ChatModel ?? "", options, settings.ChatApiKey);
}
