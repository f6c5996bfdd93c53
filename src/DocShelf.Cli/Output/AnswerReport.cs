using DocShelf.Cli.Settings;
using DocShelf.Models.Library;

namespace DocShelf.Cli.Output;

/// <summary>Who answers questions, as `status` reports it: the backend the settings choose and the model it uses.</summary>
public sealed record AnswerReport(string Backend, string? Model)
{
    public static AnswerReport From(ShelfSettings settings, ModelLibrary library)
    {
        var backend = settings.ChosenAnswerBackend();
        return new AnswerReport(backend, backend switch
        {
            "openai" => $"{settings.ChatModel} at {settings.ChatUrl}",
            "local" => library.ActiveChat(),
            _ => null,
        });
    }

    public string Describe() => (Backend, Model) switch
    {
        ("extractive", _) => "extractive: sentences from the shelf, no model",
        ("local", null) => "local, but no chat model is chosen (docshelf models use NAME)",
        (_, { } model) => $"{Backend}: {model}, checked against the shelf, extractive when it does not answer",
        _ => Backend,
    };
}
