using System.Text.Json;
using DocShelf.Core.Files;
using DocShelf.Fixtures;
using DocShelf.Models.Library;

namespace DocShelf.Models.Tests;

public sealed class ModelManifestTests
{
    private static readonly string Root = RepositoryPaths.Root;

    [Fact]
    public void The_pinned_ocr_hashes_agree_with_the_manifest_and_the_installed_files()
    {
        var pinned = File.ReadAllLines(Path.Combine(Root, "models", "tessdata.sha256"))
            .Select(line => line.Split("  "))
            .ToDictionary(parts => parts[1], parts => parts[0]);
        var manifest = Files("ocr");

        Assert.Equal(pinned.OrderBy(p => p.Key), manifest.OrderBy(p => p.Key));
        Assert.All(pinned, pin => Assert.Equal(pin.Value, FileHash.Sha256(pin.Key)));
    }

    [Fact]
    public void The_manifest_pins_the_generated_test_models_as_they_are()
    {
        var manifest = Files("embedding").Concat(Files("chat")).ToList();

        Assert.Contains(manifest, pin => pin.Key.Contains("tiny-decoder", StringComparison.Ordinal));
        Assert.All(manifest, pin => Assert.Equal(pin.Value, FileHash.Sha256(Path.Combine(Root, pin.Key))));
    }

    private static Dictionary<string, string> Files(string kind)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "models", "manifest.json")));
        return json.RootElement.GetProperty("models").EnumerateArray()
            .Where(m => m.GetProperty("kind").GetString() == kind)
            .SelectMany(m => m.GetProperty("files").EnumerateArray())
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("sha256").GetString()!);
    }
}
