using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using DocShelf.Cli.Commands;
using DocShelf.Cli.Settings;
using DocShelf.Models.Library;
using DocShelf.Queue.Broker;
using DocShelf.Queue.Work;

namespace DocShelf.Cli.Workers;

/// <summary>The broker settings `serve` and `worker` share: where the broker is, its password, and the identity files are read under.</summary>
public static class BrokerSettings
{
    /// <summary>This build of DocShelf, commit included: a worker must run the very readers the shelf runs.</summary>
    public static string Release { get; } =
        typeof(BrokerSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The broker the settings name, or null when they name none.</summary>
    public static BrokerAddress? Address(ShelfSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Queue))
        {
            return null;
        }

        try
        {
            return BrokerAddress.Parse(settings.Queue.Trim());
        }
        catch (FormatException error)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <summary>The broker password: from <see cref="ShelfSettings.QueuePasswordFile"/>, else <see cref="ShelfSettings.QueuePassword"/>.</summary>
    public static string Password(ShelfSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.QueuePasswordFile))
        {
            try
            {
                return BrokerPassword.ReadFile(settings.QueuePasswordFile);
            }
            catch (Exception error) when (error is UnauthorizedAccessException or FileNotFoundException or InvalidDataException)
            {
                throw new UsageException(error.Message);
            }
        }

        return string.IsNullOrEmpty(settings.QueuePassword)
            ? throw new UsageException("The broker needs a password: put it in a file only this user can read and name it with QueuePasswordFile in docshelf.json (or DOCSHELF_QueuePasswordFile).")
            : settings.QueuePassword;
    }

    /// <summary>
    /// What files are read under here: this release, the embedding model in use with its weights' hashes, and the OCR
    /// languages. A worker and its shelf must agree on all three.
    /// </summary>
    public static ReadingIdentity Identity(ModelLibrary library, string ocrLanguages)
    {
        var name = library.ActiveEmbedding();
        var manifest = name is null ? null : library.Find(name);
        var weights = manifest is null
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => $"{f.Path} {f.Sha256}")))));
        return new ReadingIdentity(Release, name, weights, ocrLanguages);
    }
}
