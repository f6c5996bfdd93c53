using DocShelf.Cli.Commands;
using DocShelf.Cli.Settings;
using DocShelf.Fixtures;

namespace DocShelf.Cli.Tests;

/// <summary>Settings of every type, from docshelf.json, then DOCSHELF_* variables, then the command line, each over the last.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SettingsPrecedenceTests : IDisposable
{
    private static readonly string[] Variables = ["DOCSHELF_OcrLanguages", "DOCSHELF_SettleSeconds", "DOCSHELF_ChunkSize", "DOCSHELF_PdfPasswords__0"];

    private readonly TempFolder folder = new();

    [Fact]
    public async Task Each_source_overrides_the_one_before_for_text_numbers_flags_and_lists()
    {
        var data = folder.Folder("data");
        await File.WriteAllTextAsync(Path.Combine(data, SettingsLoader.FileName), """
            { "OcrLanguages": "deu", "ChunkSize": 500, "SettleSeconds": 7.5, "RescanSeconds": 30, "ChatAllowRemote": true,
              "PdfPasswords": [ "from-json" ], "Inboxes": [ "/srv/json-inbox" ], "Listen": "127.0.0.1:9000" }
            """);
        Environment.SetEnvironmentVariable("DOCSHELF_OcrLanguages", "fra");
        Environment.SetEnvironmentVariable("DOCSHELF_SettleSeconds", "8.5");
        Environment.SetEnvironmentVariable("DOCSHELF_ChunkSize", "600");
        Environment.SetEnvironmentVariable("DOCSHELF_PdfPasswords__0", "from-environment");
        var serve = ServeCommand.Create();

        var settings = SharedSettingOptions.Load(data, serve.Parse(["--chunk-size", "700", "--inbox", "/srv/a", "--inbox", "/srv/b", "--rescan-seconds", "12.25"]), serve.Options);

        Assert.Equal("fra", settings.OcrLanguages);                                   // text: environment over json
        Assert.Equal(700, settings.ChunkSize);                                        // number: command line over both
        Assert.Equal(8.5, settings.SettleSeconds);                                    // fraction: environment over json
        Assert.Equal(12.25, settings.RescanSeconds);                                  // fraction: command line over json
        Assert.True(settings.ChatAllowRemote);                                        // flag: json alone
        Assert.Equal(["from-environment"], settings.PdfPasswords);                    // list: environment over json
        Assert.Equal(["/srv/json-inbox", "/srv/a", "/srv/b"], settings.Inboxes);      // list: the command line adds to it
        Assert.Equal("127.0.0.1:9000", settings.Listen);                              // not given later: json stands
        Assert.Equal(150, settings.ChunkOverlap);                                     // given nowhere: the default
    }

    public void Dispose()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        folder.Dispose();
    }
}
