using System.Text;
using DocShelf.Answering.Answers;
using DocShelf.Core.Documents;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Answering.Chat;

/// <summary>The conversation a chat model gets: the rules, then the retrieved chunks as numbered sources and the question.</summary>
public static class SourcePrompt
{
    public static readonly string Rules =
        "You answer a researcher's questions using only the numbered sources below, which come from their own documents. " +
        "Write at most three short sentences. End every sentence with the number of the source it rests on in square brackets, such as [2]. " +
        $"Never use knowledge from outside the sources. If the sources do not answer the question, reply exactly: {Answer.NotFoundText}";

    public static ChatHistory Build(string question, IReadOnlyList<(Chunk Chunk, string Path)> sources, int maxSourceCharacters)
    {
        var user = new StringBuilder("Sources:\n\n");
        for (var i = 0; i < sources.Count; i++)
        {
            var (chunk, path) = sources[i];
            user.Append('[').Append(i + 1).Append("] ").Append(Path.GetFileName(path)).Append(", page ").Append(chunk.PageNumber).Append('\n');
            user.Append(Shorten(chunk.Text, maxSourceCharacters)).Append("\n\n");
        }

        user.Append("Question: ").Append(question.Trim());
        var history = new ChatHistory(Rules);
        history.AddUserMessage(user.ToString());
        return history;
    }

    private static string Shorten(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text.Trim();
        }

        var cut = text.LastIndexOf(' ', limit);
        return text[..(cut > limit / 2 ? cut : limit)].Trim() + " …";
    }
}
