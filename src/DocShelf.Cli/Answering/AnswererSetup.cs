using DocShelf.Answering.Answers;
using DocShelf.Answering.Chat;
using DocShelf.Answering.Extractive;
using DocShelf.Cli.Commands;
using DocShelf.Cli.Settings;
using DocShelf.Models.Library;
using DocShelf.Search;

namespace DocShelf.Cli.Answering;

/// <summary>The answerer the settings choose (AnswerBackend), built over a shelf.</summary>
public static class AnswererSetup
{
    /// <param name="library">Where the onnx backend finds its chat model: the shelf's own model library unless given.</param>
    public static IAnswerer Create(Shelf shelf, ShelfSettings settings, ModelLibrary? library = null)
    {
        var options = settings.ToChatOptions();
        return settings.ChosenAnswerBackend() switch
        {
            "extractive" => new ExtractiveAnswerer(shelf.Searcher, shelf.Store, settings.ToExtractiveOptions()),
            "openai" => new ChatAnswerer(shelf.Searcher, shelf.Store, OpenAiBackend(settings, options), options),
            "onnx" => new ChatAnswerer(shelf.Searcher, shelf.Store, OnnxBackend(library ?? new ModelLibrary(shelf.DataDirectory), options), options),
            _ => throw new UsageException($"AnswerBackend must be extractive, openai or onnx, not \"{settings.AnswerBackend}\"."),
        };
    }

    private static ChatBackend OnnxBackend(ModelLibrary library, ChatAnswererOptions options)
    {
        var name = library.ActiveChat() ?? throw new ChatSetupException(
            "AnswerBackend is onnx, but no chat model is chosen: import one with `docshelf models import FOLDER`, then `docshelf models use NAME`.");
        if (library.Find(name) is null)
        {
            throw new ChatSetupException($"The chat model in use, {name}, is no longer in {library.Folder}; import it again or choose another with `docshelf models use`.");
        }

        return ChatBackends.Onnx(library.OpenChat(name), name, options);
    }

    private static ChatBackend OpenAiBackend(ShelfSettings settings, ChatAnswererOptions options) =>
        ChatBackends.OpenAiCompatible(ChatEndpoint.Check(settings.ChatUrl, settings.ChatAllowRemote), settings.ChatModel ?? "", options, settings.ChatApiKey);
}
