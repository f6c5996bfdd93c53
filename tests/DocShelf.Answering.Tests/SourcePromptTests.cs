using DocShelf.Answering.Chat;
using DocShelf.Core.Documents;
using DocShelf.Models.Generation;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DocShelf.Answering.Tests;

/// <summary>How sources are laid out for a chat model: cut only where a sentence ends, trimmed from the least relevant until they fit.</summary>
public sealed class SourcePromptTests
{
    private const string Question = "When was the lamp lit?";

    private static readonly (Chunk Chunk, string Path)[] Sources =
    [
        (ChunkOf("log/1/0", "The lamp was lit at dusk. It burned until dawn. The keeper wrote it down."), "/shelf/lamp-log.txt"),
        (ChunkOf("dues/1/0", "Dues were nine pounds. They were paid in March."), "/shelf/dues.txt"),
    ];

    [Fact]
    public void A_long_source_keeps_its_whole_sentences_up_to_the_limit()
    {
        var (history, kept) = SourcePrompt.Build(Question, Sources, maxSourceCharacters: 50);

        Assert.Equal(2, kept);
        Assert.Contains("[1] lamp-log.txt, page 1\nThe lamp was lit at dusk. It burned until dawn. …\n\n", User(history), StringComparison.Ordinal);
        Assert.Contains("[2] dues.txt, page 1\nDues were nine pounds. They were paid in March.\n\n", User(history), StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_sentence_longer_than_the_limit_is_kept_whole()
    {
        var (history, _) = SourcePrompt.Build(Question, Sources, maxSourceCharacters: 10);

        Assert.Contains("\nThe lamp was lit at dusk. …\n\n", User(history), StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_lose_sentences_from_the_least_relevant_up_until_the_prompt_fits()
    {
        var whole = User(SourcePrompt.Build(Question, Sources, 1200).History).Length;

        var (lastCut, keptBoth) = SourcePrompt.Build(Question, Sources, 1200, Measure(room: whole - 1));
        var (firstCut, keptOne) = SourcePrompt.Build(Question, Sources, 1200, Measure(room: whole - 80));

        Assert.Equal(2, keptBoth);
        Assert.Contains("[2] dues.txt, page 1\nDues were nine pounds. …\n\n", User(lastCut), StringComparison.Ordinal);
        Assert.Contains("It burned until dawn. The keeper wrote it down.", User(lastCut), StringComparison.Ordinal);
        Assert.Equal(1, keptOne);
        Assert.DoesNotContain("[2]", User(firstCut), StringComparison.Ordinal);
        Assert.True(User(firstCut).Length <= whole - 80);
    }

    [Fact]
    public void A_prompt_that_cannot_hold_one_sentence_is_refused_with_its_size()
    {
        var error = Assert.Throws<PromptTooLongException>(() => SourcePrompt.Build(Question, Sources, 1200, _ => (900, 100)));

        Assert.Equal((900, 100), (error.PromptTokens, error.ContextTokens));
    }

    /// <summary>A measure of characters, not tokens: enough to see which sentences go, and in what order.</summary>
    private static Func<ChatHistory, (int Tokens, int Room)> Measure(int room) => history => (User(history).Length, room);

    private static string User(ChatHistory history) => history.Single(m => m.Role == AuthorRole.User).Content!;

    private static Chunk ChunkOf(string id, string text) =>
        new() { Id = id, DocumentId = id.Split('/')[0], PageNumber = 1, Start = 0, End = text.Length, Text = text };
}
