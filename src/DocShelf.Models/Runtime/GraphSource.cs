using Microsoft.ML.OnnxRuntime;

namespace DocShelf.Models.Runtime;

/// <summary>
/// Where an ONNX Runtime session's graph comes from, and how the session is set up for it: an ONNX file or its bytes,
/// optimised as the session opens (and, for the bytes, optionally saved so optimised); or a graph saved that way,
/// opened where its bytes lie. The source holds those bytes, so whoever holds the session holds its source too.
/// </summary>
public sealed class GraphSource
{
    private readonly Func<SessionOptions, InferenceSession> open;
    private readonly Action<SessionOptions> configure;

    /// <summary>For a graph opened in place: the bytes the session's weights point into, pinned so they never move.</summary>
    private readonly byte[]? heldBytes;

    private GraphSource(Func<SessionOptions, InferenceSession> open, Action<SessionOptions> configure, byte[]? heldBytes = null)
    {
        this.open = open;
        this.configure = configure;
        this.heldBytes = heldBytes;
    }

    /// <summary>An ONNX file, every optimisation applied as it opens.</summary>
    public static GraphSource File(string path) =>
        new(options => new InferenceSession(path, options), options => options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL);

    /// <summary>An ONNX graph's bytes, every optimisation applied as it opens.</summary>
    public static GraphSource Bytes(byte[] model) =>
        new(options => new InferenceSession(model, options), options => options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL);

    /// <summary>
    /// An ONNX graph's bytes, optimised as it opens and saved so, in ONNX Runtime's own format, to
    /// <paramref name="savedPath"/>. Optimisations stop short of the level that rearranges data for this machine's
    /// processor, which a saved graph must not carry; a BERT-family graph has nothing that level changes.
    /// </summary>
    public static GraphSource BytesSavedTo(byte[] model, string savedPath) => new(
        options => new InferenceSession(model, options),
        options =>
        {
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED;
            options.OptimizedModelFilePath = savedPath;
            options.AddSessionConfigEntry("session.save_model_format", "ORT");
        });

    /// <summary>
    /// A graph <see cref="BytesSavedTo"/> saved, read into <paramref name="pinned"/> (an array made pinned): nothing is
    /// parsed or optimised again, and the session's weights are the array's own bytes rather than a copy.
    /// </summary>
    public static GraphSource Saved(byte[] pinned) => new(
        options => new InferenceSession(pinned, options),
        options =>
        {
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            options.AddSessionConfigEntry("session.load_model_format", "ORT");
            options.AddSessionConfigEntry("session.use_ort_model_bytes_directly", "1");
            options.AddSessionConfigEntry("session.use_ort_model_bytes_for_initializers", "1");
        },
        pinned);

    /// <summary>A session over this graph on <paramref name="threads"/> threads.</summary>
    /// <remarks>
    /// Weights are never packed afresh for the processor's matrix routines: packing copies all 90 MB of the built-in
    /// model into new memory, 0.18 s of a 0.23 s opening from a saved graph on a two-core machine, and batches of 32
    /// texts of 128 tokens embed as fast without it. Every session goes without, since the packed and unpacked
    /// routines round differently: a model gives the same vectors to the bit however it was opened.
    /// </remarks>
    public InferenceSession Open(int threads)
    {
        OfflineOnnxRuntime.Prepare();
        using var options = new SessionOptions { IntraOpNumThreads = threads };
        options.AddSessionConfigEntry("session.disable_prepacking", "1");
        configure(options);
        return open(options);
    }

    /// <summary>Called once the session is closed: until then the bytes it points into must stay reachable.</summary>
    public void Release() => GC.KeepAlive(heldBytes);
}
