using System.CommandLine;

namespace DocShelf.Cli.Settings;

/// <summary>The setting options that `ingest`, `retry` and `serve` share, and how a command's settings are loaded.</summary>
public static class SharedSettingOptions
{
    public static List<Option> ForReading() =>
    [
        new SettingOption<string>("--ocr-languages", "Tesseract languages joined by '+' (default eng; `docshelf status` lists the installed ones)", (s, v) => s.OcrLanguages = v),
        new SettingOption<int>("--chunk-size", "Largest chunk, in characters (default 1000)", (s, v) => s.ChunkSize = v),
        new SettingOption<int>("--chunk-overlap", "Characters a chunk shares with the next (default 150)", (s, v) => s.ChunkOverlap = v),
        new SettingOption<int>("--parallel", "Pages processed at once (default: one per core)", (s, v) => s.Parallelism = v),
    ];

    /// <summary>docshelf.json and DOCSHELF_* variables (<see cref="SettingsLoader"/>), then the command-line options given.</summary>
    public static ShelfSettings Load(string dataDirectory, ParseResult result, IEnumerable<Option> options)
    {
        var settings = SettingsLoader.Load(dataDirectory);
        foreach (var option in options.OfType<ISettingOption>())
        {
            option.ApplyTo(settings, result);
        }

        return settings;
    }
}
