using System.Runtime.CompilerServices;
using System.Text;
using DocShelf.Answering.Answers;
using DocShelf.Answering.Citing;
using DocShelf.Answering.Extractive;
using DocShelf.Core.Documents;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;
using DocShelf.Search;
using DocShelf.Search.Store;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Answering.Chat;

/// <summary>
/// Answers with a chat model: the best chunks for the question go to the model as numbered sources, its answer
/// streams back as a draft, and the final answer keeps only the citations its sources support. When the model is
/// unreachable, too slow, or answers with nothing the shelf vouches for, the extractive answer is given instead,
/// with a notice saying why.
/// </summary>
public sealed class ChatAnswerer(ShelfSearcher searcher, ShelfStore store, ChatBackend backend, ChatAnswererOptions? options = null) : IAnswerer, IDisposable
{
    private readonly ChatAnswererOptions options = options ?? new ChatAnswererOptions();
    private readonly ExtractiveAnswerer extractive = new(searcher, store, options?.Fallback);
    private readonly CitationChecker checker = new(searcher, new CitationBuilder(store), (options ?? new ChatAnswererOptions()).MinimumClaimSupport);

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sources = await RetrieveAsync(question, cancellationToken);
        if (sources.Count == 0)
        {
            yield return AnswerUpdate.Done(Answer.NotFound(question, backend.Name));
            yield break;
        }

        var (history, kept, unfit) = await PromptAsync(question, sources);
        if (history is null)
        {
            yield return AnswerUpdate.Done(await FallBackAsync(question, $"The chat model at {backend.Where} did not answer: {unfit}.", cancellationToken));
            yield break;
        }

        sources = sources[..kept];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FirstTokenTimeout);
        var started = DateTime.UtcNow;
        var text = new StringBuilder();
        string? failure = null;
        var stream = backend.Service.GetStreamingChatMessageContentsAsync(history, backend.Settings, kernel: null, timeout.Token).GetAsyncEnumerator(timeout.Token);
        try
        {
            while (true)
            {
                (var more, failure) = await NextAsync(stream, cancellationToken);
                if (!more)
                {
                    break;
                }

                if (text.Length == 0)
                {
                    // The first words are in: from now on only the whole answer's time limit counts.
                    timeout.CancelAfter(options.Timeout - (DateTime.UtcNow - started));
                }

                if (stream.Current.Content is { Length: > 0 } piece)
                {
                    text.Append(piece);
                    yield return AnswerUpdate.Text(piece);
                }
            }
        }
        finally
        {
            await DisposeQuietlyAsync(stream);
        }

        if (failure is null && text.Length == 0)
        {
            failure = "it returned an empty answer";
        }

        yield return AnswerUpdate.Done(failure is null
            ? await FinishAsync(question, text.ToString(), sources.Select(s => s.Chunk).ToList(), cancellationToken)
            : await FallBackAsync(question, $"The chat model at {backend.Where} did not answer: {failure}.", cancellationToken));
    }

    public void Dispose() => backend.Dispose();

    private async Task<List<(Chunk Chunk, string Path)>> RetrieveAsync(string question, CancellationToken cancellationToken)
    {
        if (searcher.TermsOf(question).Count == 0)
        {
            return [];
        }

        var hits = await searcher.SearchAsync(question, options.Sources, null, searcher.BestMode, cancellationToken: cancellationToken);
        return hits.Select(h => store.FindChunk(h.ChunkId) is { } chunk ? (chunk, h.Path) : default)
            .Where(s => s.chunk is not null)
            .ToList()!;
    }

    /// <summary>
    /// The conversation, fitted to the model's context where the backend knows it, and how many sources it holds; or
    /// why there is none (a local model is loaded by its first question, and may fail to load).
    /// </summary>
    private async Task<(ChatHistory? History, int Sources, string? Failure)> PromptAsync(string question, List<(Chunk Chunk, string Path)> sources)
    {
        try
        {
            var (history, kept) = await Task.Run(() => SourcePrompt.Build(question, sources, options.MaxSourceCharacters, backend.MeasurePrompt));
            return (history, kept, null);
        }
        catch (Exception error) when (error is not (OperationCanceledException or OutOfMemoryException))
        {
            return (null, 0, Describe(error));
        }
    }

    /// <summary>The next piece of the stream, or why there is none: a failure of the backend is not the caller's error.</summary>
    private static async Task<(bool More, string? Failure)> NextAsync(IAsyncEnumerator<StreamingChatMessageContent> stream, CancellationToken cancellationToken)
    {
        try
        {
            return (await stream.MoveNextAsync(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, "it took longer than the time allowed");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return (false, Describe(error));
        }
    }

    private static string Describe(Exception error)
    {
        // DocShelf's own account of a local model's failure already says why; a chat client's wraps the cause.
        var inner = error;
        while (inner is not (ChatModelException or PromptTooLongException) && inner.InnerException is { } next)
        {
            inner = next;
        }

        if (inner is System.Text.Json.JsonException)
        {
            return "its reply was not the JSON of OpenAI's chat API";
        }

        var message = inner.Message.Split('\n')[0].Trim().TrimEnd('.');
        return error is HttpOperationException { StatusCode: { } status } ? $"it replied {(int)status} {status} ({message})" : message;
    }

    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<StreamingChatMessageContent> stream)
    {
        try
        {
            await stream.DisposeAsync();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A broken connection may fail again as it closes; the answer already knows what went wrong.
        }
    }

    private async Task<Answer> FinishAsync(string question, string text, List<Chunk> sources, CancellationToken cancellationToken)
    {
        if (text.Contains(Answer.NotFoundText.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
        {
            return Answer.NotFound(question, backend.Name);
        }

        var checkedAnswer = checker.Check(text, sources);
        if (checkedAnswer.Citations.Count == 0)
        {
            return await FallBackAsync(question, "The chat model's answer cited nothing on the shelf that supports it.", cancellationToken);
        }

        return new Answer
        {
            Question = question,
            Text = checkedAnswer.Text,
            Found = true,
            Citations = checkedAnswer.Citations,
            Answerer = backend.Name,
            Notice = Removals(checkedAnswer),
        };
    }

    private static string? Removals(CheckedAnswer answer)
    {
        if (answer.RemovedSentences > 0)
        {
            return $"{Count(answer.RemovedSentences, "sentence")} without a supporting source removed ({Count(answer.RemovedCitations, "unsupported citation")}).";
        }

        return answer.RemovedCitations > 0 ? $"{Count(answer.RemovedCitations, "citation")} the sources do not support removed." : null;
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private async Task<Answer> FallBackAsync(string question, string reason, CancellationToken cancellationToken)
    {
        var answer = await extractive.AnswerAsync(question, cancellationToken);
        return answer with { Notice = $"{reason} This is the extractive answer." };
    }
}
