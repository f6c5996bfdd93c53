using System.Text.Json;
using System.Text.RegularExpressions;
using DocShelf.Core.Files;
using DocShelf.Models.Embeddings;
using DocShelf.Models.GenAi;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace DocShelf.Models.Library;

/// <summary>
/// The models a shelf may use: the built-in embedding model that comes with DocShelf, and those imported into the
/// data folder's models/ folder, one folder per model with its files and its manifest. Models come in only with
/// DocShelf itself or by import from a folder the user carries in; nothing is ever downloaded.
/// </summary>
/// <param name="builtIn">The model that comes with this installation, or null when it carries none.</param>
public sealed partial class ModelLibrary(string dataDirectory, BuiltInModel? builtIn)
{
    /// <summary>What `docshelf models use` takes to search by words alone.</summary>
    public const string NoModel = "none";

    private const string ActiveFile = "active.json";
    private const string ProbeText = "The harbour commission met to discuss the breakwater lamp.";

    /// <summary>A library with the installation's built-in model, when it carries one.</summary>
    public ModelLibrary(string dataDirectory)
        : this(dataDirectory, BuiltInModel.Default.IsInstalled ? BuiltInModel.Default : null)
    {
    }

    /// <summary>The imported models' folder in the data folder.</summary>
    public const string FolderName = "models";

    public string Folder { get; } = Path.Combine(Path.GetFullPath(dataDirectory), FolderName);

    /// <summary>The built-in model first, then the imported ones by name.</summary>
    public IReadOnlyList<ModelManifest> List() =>
        [.. builtIn is null ? [] : new[] { builtIn.Manifest() }, .. Imported()];

    public ModelManifest? Find(string name) => List().FirstOrDefault(m => m.Name == name);

    public string FolderOf(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// The embedding model search uses: the one chosen with `docshelf models use`, else the built-in one; null for a
    /// shelf told to search by words alone, or an installation without a built-in model.
    /// </summary>
    public string? ActiveEmbedding()
    {
        var active = ReadActive();
        return active.Embedding ?? (active.WordsOnly ? null : builtIn?.Name);
    }

    /// <summary>The chat model chosen with `docshelf models use`, which the local answer backend runs.</summary>
    public string? ActiveChat() => ReadActive().Chat;

    /// <summary>Chooses an embedding model for search, or a chat model for answers; the other choice stays.</summary>
    public ModelManifest? Use(string name)
    {
        if (name == NoModel)
        {
            Save(ReadActive() with { Embedding = null, WordsOnly = true });
            return null;
        }

        var manifest = Find(name) ?? throw new ModelImportException($"There is no model {name} here; `docshelf models list` shows the built-in and imported ones.");
        var active = manifest.Kind switch
        {
            ModelKind.Embedding => ReadActive() with { Embedding = name, WordsOnly = false },
            ModelKind.Chat => ReadActive() with { Chat = name },
            _ => throw new ModelImportException($"{name} is a {manifest.Kind.ToString().ToLowerInvariant()} model; only embedding and chat models can be chosen."),
        };
        Save(active);
        return manifest;
    }

    /// <summary>
    /// Copies a model folder in: checks the hashes its manifest gives (if it has one), checks the copies again,
    /// loads the graph and runs a probe inference (an embedding model's tells its vector length; a chat model writes
    /// a few tokens), then makes the model visible. A folder with genai_config.json is an ONNX Runtime GenAI chat model.
    /// </summary>
    /// <param name="probeGguf">How a GGUF file is tried (<see cref="GgufProbe.Run"/> in this process when null).</param>
    public ModelManifest Import(string source, string? name = null, Func<string, GgufProbeReport>? probeGguf = null)
    {
        if (File.Exists(source) && source.EndsWith(GgufFile.Extension, StringComparison.OrdinalIgnoreCase))
        {
            return ImportGguf(source, name, probeGguf ?? GgufProbe.Run);
        }

        if (!Directory.Exists(source))
        {
            throw new ModelImportException(File.Exists(source)
                ? $"{source} is a file; import a GGUF file (.gguf), or the folder that holds model.onnx, vocab.txt and the export's JSON files."
                : $"There is no file or folder {source}.");
        }

        var declared = ModelManifest.ReadFrom(source);
        var modelName = NewModelName(name ?? declared?.Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(source))));
        var files = FileHashes.Describe(source);
        if (declared is not null)
        {
            CheckAgainst(declared, files, source);
        }

        return Staged(modelName, staging =>
        {
            CopyFolder(source, staging);
            CheckAgainst(declared ?? new ModelManifest { Name = modelName, Files = files }, FileHashes.Describe(staging), "the copy");
            var chat = GenAiFolder.IsGenAi(staging) ? ProbeGenAi(staging) : null;
            int? dimensions = null;
            EmbeddingModelConfig? embedding = null;
            if (chat is null)
            {
                RefuseBareDecoder(staging);
                (dimensions, embedding) = Probe(staging, modelName, declared?.Dimensions);
            }

            return new ModelManifest
            {
                Name = modelName,
                Kind = chat is null ? ModelKind.Embedding : ModelKind.Chat,
                Files = files,
                Licence = declared?.Licence,
                Source = declared?.Source ?? Path.GetFullPath(source),
                Dimensions = dimensions,
                GenAi = chat,
                QueryPrefix = declared?.QueryPrefix ?? NullIfEmpty(embedding?.QueryPrompt),
                PassagePrefix = declared?.PassagePrefix ?? NullIfEmpty(embedding?.PassagePrompt),
                MinimumSimilarity = declared?.MinimumSimilarity,
                AnswerSimilarity = declared?.AnswerSimilarity,
                RelatedSimilarity = declared?.RelatedSimilarity,
                ImportedUtc = DateTime.UtcNow,
            };
        });
    }

    /// <summary>Checks the built-in model and hashes every file of every imported model again; one line per problem found.</summary>
    public List<string> Verify()
    {
        var problems = builtIn?.Verify() ?? [];
        foreach (var manifest in Imported())
        {
            var folder = FolderOf(manifest.Name);
            foreach (var file in manifest.Files)
            {
                var path = Path.Combine(folder, file.Path);
                if (!File.Exists(path))
                {
                    problems.Add($"{manifest.Name}: {file.Path} is missing");
                }
                else if (FileHash.Sha256(path) is var actual && actual != file.Sha256)
                {
                    problems.Add($"{manifest.Name}: {file.Path} has sha256 {actual}, not {file.Sha256}");
                }
            }
        }

        return problems;
    }

    /// <summary>Opens an imported chat model for use: a GGUF file through llama.cpp, an ONNX model through ONNX Runtime GenAI.</summary>
    /// <exception cref="ChatModelException">The model does not load, or does not fit this machine's memory now.</exception>
    public IChatGenerator OpenChat(string name, ChatLoading loading) => Find(name) switch
    {
        { Gguf: not null } => GgufGenerator.Open(Path.Combine(FolderOf(name), GgufFileName), loading),
        { GenAi: not null } => GenAiGenerator.Open(FolderOf(name), loading),
        null => throw new ChatModelException($"There is no model {name} here; `docshelf models list` shows the imported ones."),
        _ => throw new ChatModelException(
            $"{name} is an ONNX export of a kind DocShelf no longer runs; export the model for ONNX Runtime GenAI (genai_config.json beside it) and import that."),
    };

    /// <summary>Opens the built-in or an imported embedding model for use.</summary>
    /// <param name="savesCompiled">
    /// Whether this process holds the shelf for writing, and so may save the built-in model's optimised graph in
    /// <see cref="CompiledGraphs"/> for later commands (known once the shelf has opened; never when null); any process
    /// uses one that is there.
    /// </param>
    public OnnxEmbeddingGenerator OpenEmbedding(string name, Task<bool>? savesCompiled = null) =>
        name == builtIn?.Name
            ? builtIn.Open(compiled: new CompiledGraphs(Path.Combine(Folder, CompiledGraphs.FolderName), savesCompiled ?? Task.FromResult(false)))
            : new(EmbeddingModelConfig.Load(FolderOf(name)), name);

    private IEnumerable<ModelManifest> Imported() =>
        Directory.Exists(Folder)
            ? Directory.GetDirectories(Folder).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(ModelManifest.ReadFrom).OfType<ModelManifest>().OrderBy(m => m.Name, StringComparer.Ordinal)
            : [];

    /// <summary>
    /// Makes a model visible only once it is whole: <paramref name="build"/> fills a staging folder in the models
    /// folder and returns the model's manifest, which is written there before the folder takes the model's name. A
    /// failure leaves nothing behind.
    /// </summary>
    private ModelManifest Staged(string modelName, Func<string, ModelManifest> build)
    {
        var staging = Path.Combine(Folder, $".importing-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            var manifest = build(staging);
            manifest.WriteTo(staging);
            Directory.Move(staging, FolderOf(modelName));
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>A name a new import may take: well formed, not reserved, not taken.</summary>
    private string NewModelName(string modelName)
    {
        if (!ValidName().IsMatch(modelName))
        {
            throw new ModelImportException($"\"{modelName}\" cannot name a model: use letters, digits, '.', '-' and '_' (give one with --name).");
        }

        if (modelName == NoModel || modelName == builtIn?.Name)
        {
            throw new ModelImportException($"\"{modelName}\" names {(modelName == NoModel ? "word-only search" : "the built-in model")}; give the import another name with --name.");
        }

        if (Directory.Exists(FolderOf(modelName)))
        {
            throw new ModelImportException($"A model named {modelName} is already imported; give another with --name.");
        }

        return modelName;
    }

    private static void CheckAgainst(ModelManifest declared, List<ModelFile> actual, string where)
    {
        var present = actual.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in declared.Files)
        {
            if (!present.TryGetValue(file.Path, out var found))
            {
                throw new ModelImportException($"The manifest lists {file.Path}, which {where} does not hold.");
            }

            if (!string.Equals(found.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelImportException($"{file.Path} in {where} has sha256 {found.Sha256}, but the manifest says {file.Sha256}: the file is damaged or not the one meant.");
            }
        }
    }

    /// <returns>The length of the model's vectors, and its configuration as read for the probe.</returns>
    private static (int Dimensions, EmbeddingModelConfig Config) Probe(string folder, string name, int? declaredDimensions)
    {
        EmbeddingModelConfig config;
        try
        {
            config = EmbeddingModelConfig.Load(folder);
        }
        catch (Exception error) when (error is FileNotFoundException or InvalidDataException)
        {
            throw new ModelImportException(error.Message, error);
        }

        try
        {
            using var generator = new OnnxEmbeddingGenerator(config, name, threads: 1);
            var vector = generator.GenerateVectorAsync(ProbeText).GetAwaiter().GetResult();
            if (vector.Length == 0 || vector.Span.ToArray().Any(v => !float.IsFinite(v)))
            {
                throw new ModelImportException("The probe inference gave an empty or non-finite vector.");
            }

            var pooled = PooledDimensions(folder);
            if ((declaredDimensions ?? pooled) is { } expected && expected != vector.Length)
            {
                throw new ModelImportException($"The model gives vectors of {vector.Length} dimensions, but its configuration says {expected}.");
            }

            return (vector.Length, config);
        }
        catch (OnnxRuntimeException error)
        {
            throw new ModelImportException($"{config.ModelPath} is not an ONNX model ONNX Runtime can run: {FirstLine(error.Message)}", error);
        }
        catch (InvalidDataException error)
        {
            throw new ModelImportException(error.Message, error);
        }
    }

    /// <summary>
    /// Loads an ONNX Runtime GenAI model and has it write a few tokens from a chat prompt, so a model that cannot run
    /// is refused at import, not at the first question.
    /// </summary>
    private static GenAiFacts ProbeGenAi(string folder)
    {
        try
        {
            using var generator = GenAiGenerator.Open(folder, new ChatLoading(ContextTokens: 512, Threads: () => 1));
            var prompt = generator.ChatPromptFor([new ChatTurn("user", ProbeText)]);
            _ = generator.Generate(prompt, new GenerationOptions { MaxNewTokens = 2 }).ToList();
            return generator.Facts;
        }
        catch (ChatModelException error)
        {
            throw new ModelImportException(error.Message, error);
        }
        catch (OnnxRuntimeGenAIException error)
        {
            throw new ModelImportException($"ONNX Runtime GenAI could not run the model: {FirstLine(error.Message)}", error);
        }
    }

    /// <summary>
    /// A language model exported for ONNX Runtime alone (a BPE tokenizer, no vocab.txt, no genai_config.json) names
    /// neither its cache's layout nor its search; GenAI's model builder writes both.
    /// </summary>
    private static void RefuseBareDecoder(string folder)
    {
        if (!File.Exists(Path.Combine(folder, "vocab.txt"))
            && (File.Exists(Path.Combine(folder, "tokenizer.json")) || File.Exists(Path.Combine(folder, "vocab.json"))))
        {
            throw new ModelImportException(
                $"The folder looks like a language model's export, but has no {GenAiFolder.ConfigFile}: export it with ONNX Runtime GenAI's model builder " +
                "(python -m onnxruntime_genai.models.builder), which writes the graph with that file, and import the result.");
        }
    }

    private static int? PooledDimensions(string folder)
    {
        var path = Path.Combine(folder, "1_Pooling", "config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.TryGetProperty("word_embedding_dimension", out var value) && value.TryGetInt32(out var dimensions) ? dimensions : null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex ValidName();

    private ActiveModels ReadActive()
    {
        var path = Path.Combine(Folder, ActiveFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<ActiveModels>(File.ReadAllText(path)) ?? new ActiveModels(null) : new ActiveModels(null);
    }

    private void Save(ActiveModels active)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, ActiveFile), JsonSerializer.Serialize(active));
    }

    /// <param name="WordsOnly">Set by `docshelf models use none`: no embedding model, not even the built-in one.</param>
    private sealed record ActiveModels(string? Embedding, string? Chat = null, bool WordsOnly = false);
}
