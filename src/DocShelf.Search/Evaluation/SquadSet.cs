using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocShelf.Search.Evaluation;

/// <summary>A question-answering set in SQuAD's JSON format: articles, their paragraphs, and questions on each paragraph.</summary>
public sealed record SquadSet(IReadOnlyList<SquadParagraph> Paragraphs)
{
    public int QuestionCount => Paragraphs.Sum(p => p.Questions.Count);

    public static SquadSet Load(string path)
    {
        SquadFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<SquadFile>(stream);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not a SQuAD file: {error.Message}", error);
        }

        var paragraphs = (file?.Data ?? []).SelectMany(article => article.Paragraphs.Select(p => new SquadParagraph(
            article.Title.Replace('_', ' '),
            p.Context,
            [.. p.Questions.Select(q => new SquadQuestion(q.Id, q.Question, [.. q.Answers.Select(a => a.Text)]))]))).ToList();
        return paragraphs.Count == 0 ? throw new InvalidDataException($"{path} holds no paragraphs in SQuAD's format (data → paragraphs → context, qas).") : new SquadSet(paragraphs);
    }

    private sealed record SquadFile([property: JsonPropertyName("data")] List<SquadArticle>? Data);

    private sealed record SquadArticle([property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("paragraphs")] List<SquadContext> Paragraphs);

    private sealed record SquadContext([property: JsonPropertyName("context")] string Context, [property: JsonPropertyName("qas")] List<SquadQa> Questions);

    private sealed record SquadQa([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("question")] string Question, [property: JsonPropertyName("answers")] List<SquadAnswer> Answers);

    private sealed record SquadAnswer([property: JsonPropertyName("text")] string Text);
}
