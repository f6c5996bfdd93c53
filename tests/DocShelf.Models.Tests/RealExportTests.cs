using DocShelf.Models.Embeddings;

namespace DocShelf.Models.Tests;

/// <summary>
/// The real models of the SentenceTransformers packages, laid out as the standard sentence-transformers export, are
/// configured as sentence-transformers configures them, and their CRLF vocabulary reads as its LF copy.
/// </summary>
public sealed class RealExportTests(RealExport exports) : IClassFixture<RealExport>
{
    /// <summary>
    /// Capitals, digits, symbols, letters outside ASCII, URLs, long text: text on which the SentenceTransformers
    /// packages' own tokenizer splits words as BERT does, so their encoders are a reference for DocShelf's vectors.
    /// </summary>
    internal static readonly string[] SampleTexts =
    [
        "The Harbour Commission met on the fourth of March to consider the state of the breakwater.",
        "THE HARBOUR COMMISSION MET ON THE FOURTH OF MARCH.",
        "the harbour commission met on the fourth of march.",
        "Minutes of the Urban District Council of Eastwick, 7th February 1894.",
        "Receipts for 1893 came to £940 12s, an increase of 14% on 1892.",
        "Søren Ørsted, Æsir sagas and the Straße in Łeba: letters the vocabulary holds whole.",
        "Telephone 0131-496-0000; reference no. A/27/1903-B.",
        "What did the ferry notice say about sailings in high winds?",
        "Represent this sentence for searching relevant passages: when was the lamp restored?",
        "Gone.",
        "a",
        "e-mail: clerk@eastwick.example, web: https://example.org/minutes?id=7&page=2",
        "Sums: 3+4=7, 10^2 > 99, a|b, ~approx, $12 and `quoted`.",
        "TRANSACTIONS OF THE ORCHARD SOCIETY — Vol. XII, No. 3",
        "The brig was gone from sight. Found two panes broken in the lantern room and the wick burnt down.",
        "Nine hundred and forty pounds were collected, despite the closing of the harbour for six weeks.",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
        "Mr. J. R. R. Tolkien's O'Brien-MacDonald estate vs. the Crown (1923).",
        "Pages 12–19 of the ledger (1901–1902) were water-damaged.",
        "First line of the letter\r\nsecond line of the letter",
        "Москва и Санкт-Петербург",
        string.Join(' ', Enumerable.Repeat("The commission heard that the breakwater lamp had failed twice in the winter gales.", 12)),
    ];

    /// <summary>
    /// Text on which the packages' tokenizer departs from BERT's rules, each with the text on which it reads as BERT
    /// reads the first: it keeps accents (BERT strips them when it lower-cases), splits words at spaces and
    /// CRLF only (BERT at any white space), treats curly quotes as letters and leaves CJK characters joined (BERT
    /// splits both off). DocShelf reads the first as the package reads the second.
    /// </summary>
    internal static readonly (string Text, string AsBertReadsIt)[] DepartingTexts =
    [
        ("Café society in Zürich: Éléonore met at the Gare de l'Est.", "Cafe society in Zurich: Eleonore met at the Gare de l'Est."),
        ("Naïve façades, résumés and coöperation.", "Naive facades, resumes and cooperation."),
        ("Well — I never! “Quoted”, ‘single’, and (bracketed) [text]…", "Well — I never! “ Quoted ”, ‘ single ’, and (bracketed) [text]…"),
        ("Αθήνα, 東京 and 北京 in one line.", "Αθηνα, 東 京 and 北 京 in one line."),
        ("\tTabs,\nnew lines\nand   runs of   spaces.", "Tabs, new lines and runs of   spaces."),
    ];

    [Fact]
    public void The_standard_export_is_read_as_sentence_transformers_reads_it()
    {
        var miniLm = EmbeddingModelConfig.Load(exports.MiniLm);
        var arctic = EmbeddingModelConfig.Load(exports.Arctic);

        // sentence_bert_config.json says do_lower_case false: no extra lower-casing, while the tokenizer still lower-cases.
        Assert.True(miniLm.LowerCase);
        Assert.False(miniLm.LowerCaseFirst);
        Assert.True(miniLm.StripAccents);
        Assert.Equal((Pooling.Mean, 256, true), (miniLm.Pooling, miniLm.MaxTokens, miniLm.Normalize));
        Assert.Equal((Pooling.Cls, 512, true), (arctic.Pooling, arctic.MaxTokens, arctic.Normalize));
    }

    [Fact]
    public void A_vocabulary_with_crlf_line_ends_gives_the_ids_of_its_lf_copy()
    {
        var crlf = WordPieceEncoder.Create(EmbeddingModelConfig.Load(exports.MiniLm));
        using var lf = new TempCopy(exports.MiniLm);
        File.WriteAllText(Path.Combine(lf.Folder, "vocab.txt"), File.ReadAllText(Path.Combine(exports.MiniLm, "vocab.txt")).Replace("\r\n", "\n", StringComparison.Ordinal));
        var plain = WordPieceEncoder.Create(EmbeddingModelConfig.Load(lf.Folder));

        Assert.Contains("\r\n", File.ReadAllText(Path.Combine(exports.MiniLm, "vocab.txt")), StringComparison.Ordinal);
        foreach (var text in SampleTexts)
        {
            Assert.Equal(plain.Encode(text), crlf.Encode(text));
        }
    }

    /// <summary>A copy of a model folder, removed on dispose.</summary>
    private sealed class TempCopy : IDisposable
    {
        public TempCopy(string source)
        {
            Folder = Path.Combine(Path.GetTempPath(), $"docshelf-model-copy-{Guid.NewGuid():N}");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Folder { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
