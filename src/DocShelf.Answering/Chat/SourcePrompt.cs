using System.Text;
using DocShelf.Answering.Answers;
using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Models.Generation;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Answering.Chat;

/// <summary>
/// The conversation a chat model gets: the rules, then the retrieved chunks as numbered sources and the question.
/// Sources are cut only where a sentence ends, and trimmed from the least relevant up until the prompt fits.
/// </summary>
public static class SourcePrompt
{
    public static readonly string Rules =
        "You answer a researcher's questions using only the numbered sources below, which come from their own documents. " +
        "Write at most three short sentences. End every sentence with the number of the source it rests on in square brackets, such as [2]. " +
        $"Never use knowledge from outside the sources. If the sources do not answer the question, reply exactly: {Answer.NotFoundText}";

    /// <param name="sources">The chunks, best first, with the paths their documents are known by.</param>
    /// <param name="maxSourceCharacters">A source longer than this keeps its sentences up to it (always its first).</param>
    /// <param name="measure">
    /// The tokens a conversation takes and the room the model has for it; when given, the last source loses its last
    /// sentence, then the one before, until the conversation fits.
    /// </param>
    /// <returns>The conversation, and how many of the sources it holds (the first that many).</returns>
    /// <exception cref="PromptTooLongException">Not even the question with one sentence of the best source fits.</exception>
    public static (ChatHistory History, int Sources) Build(
        string question, IReadOnlyList<(Chunk Chunk, string Path)> sources, int maxSourceCharacters, Func<ChatHistory, (int Tokens, int Room)>? measure = null)
    {
        var kept = sources.Select(s => SentenceEnds(s.Chunk.Text, maxSourceCharacters)).ToList();
        while (true)
        {
            var history = Lay(question, sources, kept);
            var (tokens, room) = measure?.Invoke(history) ?? (0, 0);
            if (tokens <= room)
            {
                return (history, kept.Count);
            }

            if (kept.Count == 1 && kept[0].Count == 1)
            {
                throw new PromptTooLongException(tokens, room);
            }

            if (kept[^1].Count > 1)
            {
                kept[^1].RemoveAt(kept[^1].Count - 1);
            }
            else
            {
                kept.RemoveAt(kept.Count - 1);
            }
        }
    }

    private static ChatHistory Lay(string question, IReadOnlyList<(Chunk Chunk, string Path)> sources, List<List<int>> kept)
    {
        var user = new StringBuilder("Sources:\n\n");
        for (var i = 0; i < kept.Count; i++)
        {
            var (chunk, path) = sources[i];
            var text = chunk.Text[..kept[i][^1]].Trim();
            user.Append('[').Append(i + 1).Append("] ").Append(Path.GetFileName(path)).Append(", page ").Append(chunk.PageNumber).Append('\n');
            user.Append(text).Append(text.Length < chunk.Text.Trim().Length ? " …" : "").Append("\n\n");
        }

        user.Append("Question: ").Append(question.Trim());
        var history = new ChatHistory(Rules);
        history.AddUserMessage(user.ToString());
        return history;
    }

    /// <summary>Where each sentence of <paramref name="text"/> ends, up to <paramref name="limit"/> characters (the first whatever its length).</summary>
    private static List<int> SentenceEnds(string text, int limit)
    {
        var ends = SentenceSpans.Of(text).Select(s => s.End).ToList();
        if (ends.Count == 0)
        {
            return [text.Length];
        }

        ends[^1] = text.Length; // text after the last sentence's end (a heading, a closing bracket) stays with it
        return [ends[0], .. ends.Skip(1).TakeWhile(end => end <= limit)];
    }
}
