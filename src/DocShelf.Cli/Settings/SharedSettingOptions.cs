using System.CommandLine;

namespace DocShelf.Cli.Settings;

/// <summary>The setting options that `ingest`, `retry` and `serve` share.</summary>
public static class SharedSettingOptions
{
    public static List<Option> ForReading() =>
    [
        new SettingOption<string?>("--ocr-languages", nameof(ShelfSettings.OcrLanguages), "Tesseract languages joined by '+' (default eng; `docshelf status` lists the installed ones)"),
        new SettingOption<int?>("--chunk-size", nameof(ShelfSettings.ChunkSize), "Largest chunk, in characters (default 1000)"),
        new SettingOption<int?>("--chunk-overlap", nameof(ShelfSettings.ChunkOverlap), "Characters a chunk shares with the next (default 150)"),
        new SettingOption<int?>("--parallel", nameof(ShelfSettings.Parallelism), "Pages processed at once (default: one per core)"),
    ];

    public static ShelfSettings Load(string dataDirectory, ParseResult result, IEnumerable<Option> options)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            switch (option)
            {
                case SettingOption<string?> text:
                    text.AddTo(overrides, result);
                    break;
                case SettingOption<int?> number:
                    number.AddTo(overrides, result);
                    break;
                case SettingOption<double?> real:
                    real.AddTo(overrides, result);
                    break;
            }
        }

        return SettingsLoader.Load(dataDirectory, overrides);
    }
}
