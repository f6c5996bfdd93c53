namespace DocShelf.Models.Generation;

/// <summary>
/// Text in, text out: a local decoder model with its tokenizer and chat template. Text comes out in pieces as the
/// tokens are made, never splitting a character, and stops before any stop sequence.
/// </summary>
public sealed class TextGenerator : IChatGenerator
{
    private const char Incomplete = '\uFFFD';

    private readonly OnnxDecoder decoder;

    public TextGenerator(DecoderModelConfig config, int? threads = null)
    {
        Tokenizer = DecoderTokenizer.Load(config.Folder, config.EndTokenIds);
        decoder = new OnnxDecoder(config, threads);
        Config = config;
    }

    public DecoderModelConfig Config { get; }

    public DecoderTokenizer Tokenizer { get; }

    public string Source => Config.Folder;

    public int ContextTokens => Config.MaxPositions;

    public int CountTokens(string text) => Tokenizer.Encode(text).Count;

    public static TextGenerator Load(string folder, int? threads = null) => new(DecoderModelConfig.Load(folder), threads);

    public string ChatPromptFor(IEnumerable<ChatTurn> turns) =>
        ChatPrompt.Format(Config.Template, turns.Select(turn => turn with { Text = WithoutSpecialTokens(turn.Text) }));

    public IReadOnlyList<string> ChatStops(IEnumerable<string> stops) => [.. stops.Append(ChatPrompt.EndOfTurn(Config.Template)).Distinct()];

    public IEnumerable<string> Generate(string prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        var tokens = decoder.Generate(Tokenizer.Encode(prompt), options, cancellationToken);
        return Pieces(tokens, new StopSequenceFilter(options.StopSequences));
    }

    public void Dispose() => decoder.Dispose();

    private string WithoutSpecialTokens(string text)
    {
        foreach (var special in Tokenizer.SpecialTokens.Keys)
        {
            text = text.Replace(special, "", StringComparison.Ordinal);
        }

        return text;
    }

    private IEnumerable<string> Pieces(IEnumerable<int> tokens, StopSequenceFilter filter)
    {
        var ids = new List<int>();
        var text = "";
        foreach (var token in tokens)
        {
            ids.Add(token);
            text = Tokenizer.Decode(ids);
            // A character of several bytes may span tokens; wait for its last byte.
            var piece = filter.Update(text.EndsWith(Incomplete) ? text.TrimEnd(Incomplete) : text);
            if (piece.Length > 0)
            {
                yield return piece;
            }

            if (filter.Stopped)
            {
                yield break;
            }
        }

        filter.Update(text);
        var rest = filter.Flush();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
