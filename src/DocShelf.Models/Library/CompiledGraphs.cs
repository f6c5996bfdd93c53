using System.Text.RegularExpressions;
using DocShelf.Core.Files;
using DocShelf.Models.Runtime;

namespace DocShelf.Models.Library;

/// <summary>
/// The built-in model's graph as ONNX Runtime optimised it, saved in the runtime's own format in the data folder's
/// models/.compiled, so that later commands open the model in under half the time: the runtime then neither parses
/// the ONNX graph nor optimises it, and uses the weights where they were read. A saved graph is named by the model's
/// sha256, the runtime's version and its own sha256, so one from another model or runtime is never used and a damaged
/// one is refused. Only the process holding the shelf for writing saves one; every command uses one that is there.
/// </summary>
/// <param name="folder">The folder the graphs are kept in.</param>
/// <param name="maySave">
/// Whether this process may save a graph there: it holds the shelf for writing. Known once the shelf has opened, which
/// the model may start loading before.
/// </param>
public sealed partial class CompiledGraphs(string folder, Task<bool> maySave)
{
    public CompiledGraphs(string folder, bool maySave)
        : this(folder, Task.FromResult(maySave))
    {
    }

    public const string FolderName = ".compiled";

    private const string Extension = ".ort";
    private const string Unfinished = ".saving";

    public string Folder { get; } = folder;

    /// <summary>Whether this process may save a graph; waits until that is known.</summary>
    public bool MaySave => maySave.GetAwaiter().GetResult();

    /// <summary>The runtime whose format the graphs are in: another version may lay them out differently.</summary>
    private static string Runtime => runtime.Value;

    private static readonly Lazy<string> runtime = new(OfflineOnnxRuntime.Version);

    /// <summary>The graph saved for the model of <paramref name="modelSha256"/> by this runtime; null when none is.</summary>
    public CompiledGraph? Find(string modelSha256)
    {
        if (!Directory.Exists(Folder))
        {
            return null;
        }

        var prefix = Prefix(modelSha256);
        return Directory.EnumerateFiles(Folder, prefix + "*" + Extension)
            .Select(path => (Path: path, Sha256: Path.GetFileNameWithoutExtension(path)[prefix.Length..]))
            .Where(graph => Sha256Name().IsMatch(graph.Sha256))
            .Select(graph => new CompiledGraph(graph.Path, graph.Sha256))
            .FirstOrDefault();
    }

    /// <summary>Where a graph for the model of <paramref name="modelSha256"/> is written before <see cref="Keep"/> names it.</summary>
    public string StartSaving(string modelSha256)
    {
        // Only the shelf's writer saves here, so a file still being saved is one a stopped process left.
        Directory.CreateDirectory(Folder);
        foreach (var left in Directory.EnumerateFiles(Folder, "*" + Unfinished))
        {
            File.Delete(left);
        }

        return Path.Combine(Folder, Prefix(modelSha256) + Guid.NewGuid().ToString("N") + Unfinished);
    }

    /// <summary>
    /// Names the graph saved at <paramref name="saved"/> by its sha256, which makes it the one <see cref="Find"/> gives,
    /// and removes the model's other graphs (from an earlier runtime, or damaged).
    /// </summary>
    public void Keep(string saved, string modelSha256)
    {
        var kept = Path.Combine(Folder, Prefix(modelSha256) + FileHash.Sha256(saved) + Extension);
        File.Move(saved, kept, overwrite: true);
        foreach (var other in Directory.EnumerateFiles(Folder, ModelPart(modelSha256) + "-*" + Extension).Where(path => path != kept))
        {
            File.Delete(other);
        }
    }

    private static string Prefix(string modelSha256) => $"{ModelPart(modelSha256)}-onnxruntime-{Runtime}-";

    /// <summary>What of the model's sha256 a graph's name holds, enough to tell models apart.</summary>
    private static string ModelPart(string modelSha256) => modelSha256[..16];

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Name();
}
