using DocShelf.Models.Generation;

namespace DocShelf.Models.Tests;

public sealed class SamplingTests
{
    // Probabilities 0.5, 0.3, 0.15 and 0.05 at temperature 1.
    private static readonly float[] Logits = [MathF.Log(0.5f), MathF.Log(0.3f), MathF.Log(0.15f), MathF.Log(0.05f)];

    [Fact]
    public void Greedy_picks_the_likeliest_token()
    {
        Assert.Equal(2, new TokenSampler(0, 1).Next([0.1f, -3f, 4f, 3.9f]));
    }

    [Fact]
    public void Top_p_draws_only_from_the_nucleus_in_proportion()
    {
        var sampler = new TokenSampler(1, 0.75, seed: 1);

        var counts = new int[Logits.Length];
        for (var i = 0; i < 4000; i++)
        {
            counts[sampler.Next(Logits)]++;
        }

        // 0.5 + 0.3 reaches 0.75: tokens 2 and 3 are outside, and 0 is drawn 0.5 / 0.8 of the time.
        Assert.Equal(0, counts[2] + counts[3]);
        Assert.InRange(counts[0] / 4000.0, 0.59, 0.66);
    }

    [Fact]
    public void A_full_nucleus_draws_every_token()
    {
        var sampler = new TokenSampler(1, 1.0, seed: 2);

        var seen = Enumerable.Range(0, 4000).Select(_ => sampler.Next(Logits)).ToHashSet();

        Assert.Equal([0, 1, 2, 3], seen.Order());
    }

    [Fact]
    public void Stop_sequences_hold_back_a_possible_start_and_release_it_when_it_is_not_one()
    {
        var filter = new StopSequenceFilter(["<|end|>"]);

        Assert.Equal("The lamp", filter.Update("The lamp<|e"));
        Assert.Equal("<|ex", filter.Update("The lamp<|ex"));
        Assert.Equal(" was", filter.Update("The lamp<|ex was<|en"));
        Assert.Equal("", filter.Update("The lamp<|ex was<|end|> more"));
        Assert.True(filter.Stopped);
        Assert.Equal("", filter.Flush());
    }

    [Fact]
    public void Chat_templates_are_recognised_and_laid_out()
    {
        Assert.Equal(ChatTemplate.ChatMl, ChatPrompt.Recognise("{% for m in messages %}<|im_start|>{{ m.role }}…"));
        Assert.Equal(ChatTemplate.Llama3, ChatPrompt.Recognise("<|start_header_id|>{{ role }}<|end_header_id|>"));
        Assert.Equal(ChatTemplate.Phi3, ChatPrompt.Recognise("<|user|>{{ c }}<|end|><|assistant|>"));
        Assert.Equal(ChatTemplate.Plain, ChatPrompt.Recognise(null));

        var prompt = ChatPrompt.Format(ChatTemplate.ChatMl, [new ChatTurn("system", "Cite."), new ChatTurn("user", "Where?")]);

        Assert.Equal("<|im_start|>system\nCite.<|im_end|>\n<|im_start|>user\nWhere?<|im_end|>\n<|im_start|>assistant\n", prompt);
        Assert.Equal("System: Cite.\n\nUser: Where?\n\nAssistant:", ChatPrompt.Format(ChatTemplate.Plain, [new ChatTurn("system", "Cite."), new ChatTurn("user", "Where?")]));
    }
}
