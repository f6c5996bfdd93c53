using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace DocShelf.Models.Embeddings;

/// <summary>
/// Splits normalised text into words as BERT's basic tokenizer does: at white space (space, tab, line ends and
/// Unicode space separators), with every punctuation character a word of its own. BERT counts all ASCII symbols
/// ("=", "+", "$", "^", "|", ...) as punctuation and keeps every other symbol ("£", "°", "©") inside its word.
/// Microsoft.ML.Tokenizers' own BERT split drops symbols, so "a=b" would lose its "=" and "£940" its "£".
/// </summary>
public static partial class BertWordSplitter
{
    public static PreTokenizer Instance { get; } = new RegexPreTokenizer(Words(), specialTokens: null);

    /// <summary>
    /// BERT turns tab and line ends into spaces before anything else; the library's normaliser deletes them as
    /// control characters, which would join the words on either side ("lines\nand" read as "linesand").
    /// </summary>
    public static string SpaceOutLineBreaks(string text) => LineBreaks().Replace(text, " ");

    [GeneratedRegex(@"[!-/:-@\[-`{-~\p{P}]|[^ \t\n\r\p{Zs}!-/:-@\[-`{-~\p{P}]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"[\t\n\r]")]
    private static partial Regex LineBreaks();
}
