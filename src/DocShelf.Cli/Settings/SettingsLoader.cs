using Microsoft.Extensions.Configuration;

namespace DocShelf.Cli.Settings;

public static class SettingsLoader
{
    public const string FileName = "docshelf.json";

    /// <summary>
    /// Reads docshelf.json in the data folder (if there is one), then DOCSHELF_* environment variables over it
    /// (DOCSHELF_OcrLanguages=eng+deu, DOCSHELF_Inboxes__0=/srv/inbox). Command-line options come on top
    /// (<see cref="SharedSettingOptions.Load"/>).
    /// </summary>
    public static ShelfSettings Load(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(dataDirectory, FileName), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("DOCSHELF_")
            .Build();
        var settings = new ShelfSettings();
        configuration.Bind(settings);
        return settings;
    }
}
