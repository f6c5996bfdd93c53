using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;

namespace DocShelf.Models.Library;

public sealed partial class ModelLibrary
{
    /// <summary>The model file's name in an imported GGUF model's folder.</summary>
    public const string GgufFileName = "model.gguf";

    /// <summary>
    /// Takes in a GGUF file: hashes it, copies it and checks the copy, has <paramref name="probe"/> try the copy, then
    /// makes the model visible with what the file says of itself.
    /// </summary>
    private ModelManifest ImportGguf(string source, string? name, Func<string, GgufProbeReport> probe)
    {
        if (!GgufFile.LooksLikeGguf(source))
        {
            throw new ModelImportException($"{source} is not a GGUF file: it does not begin with GGUF's mark.");
        }

        var modelName = NewModelName(name ?? Path.GetFileNameWithoutExtension(source));
        return Staged(modelName, staging =>
        {
            var copy = Path.Combine(staging, GgufFileName);
            var original = new ModelFile(GgufFileName, Core.Files.FileHash.Sha256(source), new FileInfo(source).Length);
            File.Copy(source, copy);
            var files = FileHashes.Describe(staging);
            CheckAgainst(new ModelManifest { Name = modelName, Files = [original] }, files, "the copy");
            GgufProbeReport report;
            try
            {
                report = probe(copy);
            }
            catch (ChatModelException error)
            {
                throw new ModelImportException($"{Path.GetFileName(source)} was not imported. {error.Message}", error);
            }

            return new ModelManifest
            {
                Name = modelName,
                Kind = ModelKind.Chat,
                Files = files,
                Licence = report.Facts.Licence,
                Source = Path.GetFullPath(source),
                Gguf = report.Facts,
                ImportedUtc = DateTime.UtcNow,
            };
        });
    }
}
