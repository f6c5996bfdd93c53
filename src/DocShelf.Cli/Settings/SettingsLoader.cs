using Microsoft.Extensions.Configuration;

namespace DocShelf.Cli.Settings;

public static class SettingsLoader
{
    public const string FileName = "docshelf.json";

    /// <summary>
    /// Reads docshelf.json in the data folder (if there is one), then DOCSHELF_* environment variables
    /// (DOCSHELF_OcrLanguages=eng+deu, DOCSHELF_Inboxes__0=/srv/inbox), then <paramref name="overrides"/>.
    /// </summary>
    public static ShelfSettings Load(string dataDirectory, IDictionary<string, string?> overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(dataDirectory, FileName), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("DOCSHELF_")
            .AddInMemoryCollection(overrides.Where(o => o.Value is not null))
            .Build();
        var settings = new ShelfSettings();
        configuration.Bind(settings);
        return settings;
    }
}
