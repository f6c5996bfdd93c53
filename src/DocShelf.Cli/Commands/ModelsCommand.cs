using System.CommandLine;
using DocShelf.Cli.Output;
using DocShelf.Models.Library;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>`docshelf models list | import PATH | verify | use NAME`: the built-in model and those brought in by hand.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List, import, verify and choose the local models (nothing is ever downloaded)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Use());
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "Show the built-in and imported models, which one search uses and which one answers") { json };
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            var library = new ModelLibrary(CommonOptions.DataDirectory(result));
            var active = library.ActiveEmbedding();
            var chat = library.ActiveChat();
            var models = library.List();
            if (result.GetValue(json))
            {
                JsonOutput.Write(new { Active = active, ActiveChat = chat, Models = models });
                return ExitCodes.Ok;
            }

            if (active is null)
            {
                AnsiConsole.WriteLine(models.Count == 0
                    ? "No embedding model: search is by words only. Bring one in with: docshelf models import FOLDER"
                    : "Search is by words only (docshelf models use NAME searches by meaning too).");
            }

            foreach (var model in models)
            {
                var size = model.Files.Sum(f => f.Bytes) / (1024.0 * 1024.0);
                var origin = model.BuiltIn ? " built in," : "";
                var inUse = model.Name == active ? " (in use for search)" : model.Name == chat ? " (in use for answers)" : "";
                var shape = model.Dimensions is { } dimensions ? $", {dimensions} dimensions" : "";
                AnsiConsole.MarkupLineInterpolated($"[bold]{model.Name}[/]{inUse}{origin} {model.Kind.ToString().ToLowerInvariant()}{shape}, {size:0.0} MB, {model.Files.Count} files");
                AnsiConsole.MarkupLineInterpolated($"  from {model.Source ?? "unknown"}; licence {model.Licence ?? "not stated"}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import()
    {
        var path = new Argument<string>("folder")
        {
            Description = "A sentence-transformers ONNX export (model.onnx, vocab.txt, its JSON files), or a causal language model exported with its " +
                "key-value cache (model.onnx, tokenizer.json or vocab.json and merges.txt, config.json); docshelf-model.json with sha256s, if it came with one",
        };
        var name = new Option<string?>("--name") { Description = "Name to give the model (default: its manifest's name or the folder's)" };
        var command = new Command("import", "Copy a model folder into the shelf, check its hashes and run a probe inference") { path, name };
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            var library = new ModelLibrary(CommonOptions.DataDirectory(result));
            var manifest = library.Import(result.GetRequiredValue(path), result.GetValue(name));
            if (manifest.Kind == ModelKind.Chat)
            {
                AnsiConsole.MarkupLineInterpolated($"Imported [bold]{manifest.Name}[/]: {manifest.Files.Count} files checked, a chat model that ran its probe.");
                AnsiConsole.MarkupLineInterpolated($"Answer with it after: docshelf models use {manifest.Name}, and AnswerBackend \"onnx\" in docshelf.json");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"Imported [bold]{manifest.Name}[/]: {manifest.Files.Count} files checked, {manifest.Dimensions}-dimension vectors.");
                AnsiConsole.MarkupLineInterpolated($"Search with it after: docshelf models use {manifest.Name}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Hash every imported model file again and report any that changed");
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            var library = new ModelLibrary(CommonOptions.DataDirectory(result));
            var problems = library.Verify();
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"docshelf: {problem}");
            }

            AnsiConsole.WriteLine(problems.Count == 0 ? $"All {library.List().Count} models match their manifests." : $"{problems.Count} problems found.");
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Error;
        }));
        return command;
    }

    private static Command Use()
    {
        var name = new Argument<string>("name") { Description = $"The built-in or an imported embedding model, a chat model, or \"{ModelLibrary.NoModel}\" to search by words only" };
        var command = new Command("use", "Choose the embedding model for semantic and hybrid search, or the chat model the onnx answer backend runs") { name };
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            var library = new ModelLibrary(CommonOptions.DataDirectory(result));
            var manifest = library.Use(result.GetRequiredValue(name));
            AnsiConsole.WriteLine(manifest is null
                ? "Search is now by words only; the vectors already made stay, for when a model is chosen again."
                : manifest.Kind == ModelKind.Chat
                ? $"Answers now come from {manifest.Name} when docshelf.json sets AnswerBackend to \"onnx\"; a running service picks it up when it restarts."
                : $"Search now uses {manifest.Name}. Chunks without its vectors are embedded by the next `docshelf ingest` or by a running service after it restarts.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
