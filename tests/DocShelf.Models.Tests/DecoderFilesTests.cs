using System.Text.Json;
using System.Text.Json.Nodes;
using DocShelf.Models.Generation;

namespace DocShelf.Models.Tests;

/// <summary>The other shapes a decoder export comes in: tokenizer.json instead of vocab.json and merges.txt, and a chat template.</summary>
public sealed class DecoderFilesTests : IDisposable
{
    private readonly string folder = TinyModels.DecoderCopy(config => config.Remove("eos_token_id"));

    [Fact]
    public void A_tokenizer_json_with_pair_merges_and_added_tokens_encodes_as_vocab_and_merges_do()
    {
        WriteTokenizerJson(@"'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+");
        var reference = TinyModels.LoadDecoderReference();

        var tokenizer = DecoderTokenizer.Load(folder, []);

        Assert.All(reference.Runs, run => Assert.Equal(run.PromptIds, tokenizer.Encode(run.Prompt)));
        Assert.Equal(272, tokenizer.SpecialTokens["<|endoftext|>"]);
        Assert.Equal([84, 272], tokenizer.Encode("T<|endoftext|>"));
    }

    [Fact]
    public void The_split_pattern_of_tokenizer_json_decides_where_words_break()
    {
        WriteTokenizerJson(@"\s+|\S+"); // spaces apart from words, so no "Ġthe"
        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(TinyModels.Folder(TinyModels.Decoder), "vocab.json")))!;

        var ids = DecoderTokenizer.Load(folder, []).Encode("a the");

        Assert.Equal([vocabulary["a"], vocabulary["Ġ"], vocabulary["t"], vocabulary["he"]], ids);
    }

    [Fact]
    public void A_chatml_template_in_tokenizer_config_lays_out_the_prompt_and_ends_the_turn()
    {
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), JsonSerializer.Serialize(new
        {
            chat_template = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n'}}{% endfor %}",
        }));

        using var generator = TextGenerator.Load(folder);

        Assert.Equal(ChatTemplate.ChatMl, generator.Config.Template);
        Assert.StartsWith("<|im_start|>user\nWhere?<|im_end|>", generator.ChatPromptFor([new ChatTurn("user", "Where?")]), StringComparison.Ordinal);
        Assert.Contains("<|im_end|>", generator.ChatStops([]));
    }

    [Fact]
    public void Several_end_tokens_in_config_and_generation_config_are_all_read()
    {
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{ "eos_token_id": [272, 7] }""");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();
        config["eos_token_id"] = 9;
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());

        Assert.Equal([9, 272, 7], DecoderModelConfig.Load(folder).EndTokenIds);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Replaces vocab.json and merges.txt with the tokenizer.json Hugging Face's tokenizers library writes.</summary>
    private void WriteTokenizerJson(string splitPattern)
    {
        var vocabulary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "vocab.json")))!.AsObject();
        vocabulary.Remove("<|endoftext|>");
        var merges = File.ReadLines(Path.Combine(folder, "merges.txt")).Skip(1).Select(line => line.Split(' ')).ToArray();
        File.Delete(Path.Combine(folder, "vocab.json"));
        File.Delete(Path.Combine(folder, "merges.txt"));
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), JsonSerializer.Serialize(new
        {
            version = "1.0",
            added_tokens = new[] { new { id = 272, content = "<|endoftext|>", special = true } },
            pre_tokenizer = new
            {
                type = "Sequence",
                pretokenizers = new object[]
                {
                    new { type = "Split", pattern = new { Regex = splitPattern }, behavior = "Isolated" },
                    new { type = "ByteLevel", add_prefix_space = false, use_regex = false },
                },
            },
            model = new { type = "BPE", vocab = vocabulary, merges },
        }));
    }
}
