using DocShelf.Models.Embeddings;

namespace DocShelf.Models.Tests;

public sealed class TokenizerParityTests
{
    [Fact]
    public void Word_pieces_match_the_reference_tokenizer_sentence_by_sentence()
    {
        var reference = TinyModels.LoadReference();
        var encoder = WordPieceEncoder.Create(EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Mean)));

        for (var i = 0; i < reference.Sentences.Count; i++)
        {
            Assert.True(
                reference.Tokens[i].SequenceEqual(encoder.Encode(reference.Sentences[i])),
                $"\"{reference.Sentences[i]}\": expected [{string.Join(' ', reference.Tokens[i])}], got [{string.Join(' ', encoder.Encode(reference.Sentences[i]))}]");
        }
    }

    [Fact]
    public void Long_text_is_cut_to_the_model_length_with_its_special_tokens_kept()
    {
        var config = EmbeddingModelConfig.Load(TinyModels.Folder(TinyModels.Mean));
        var encoder = WordPieceEncoder.Create(config);

        var ids = encoder.Encode(string.Join(' ', Enumerable.Repeat("the harbour", 100)));

        Assert.Equal(config.MaxTokens, ids.Count);
        Assert.Equal(2, ids[0]); // [CLS]
        Assert.Equal(3, ids[^1]); // [SEP]
    }
}
