using DocShelf.Models.Generation;

namespace DocShelf.Models.Gguf;

/// <summary>
/// Tries a GGUF file before it is taken in: describes it, checks this machine can hold it, loads it, lays a short
/// conversation out in its chat template and has it answer a few tokens. llama.cpp parses the file and a damaged one
/// can bring down the process, so <c>docshelf models import</c> runs this in a process of its own.
/// </summary>
public static class GgufProbe
{
    private const int ContextTokens = 512;
    private const int SampleTokens = 8;

    /// <exception cref="ChatModelException">The file cannot be used, with the reason.</exception>
    public static GgufProbeReport Run(string path)
    {
        using var generator = GgufGenerator.Open(path, new ChatLoading(ContextTokens, ChatLoading.AllCores));
        string prompt;
        try
        {
            prompt = generator.ChatPromptFor([new ChatTurn("user", "Where was the harbour lamp?")]);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new ChatModelException(
                $"{Path.GetFileName(path)} has no chat template llama.cpp knows ({error.Message.Split('\n')[0].Trim()}), so questions cannot be laid out for it; use the instruct or chat version of the model.",
                error);
        }

        var sample = string.Concat(generator.Generate(prompt, new GenerationOptions { MaxNewTokens = SampleTokens }));
        return new GgufProbeReport(generator.Facts, sample);
    }
}
