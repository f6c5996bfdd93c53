using System.CommandLine;
using DocShelf.Cli.Generation;
using DocShelf.Cli.Output;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;
using DocShelf.Models.Library;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>`docshelf models list | import PATH | verify | use NAME`: the built-in model and those brought in by hand (`probe FILE` is the import's own, run in a process of its own).</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List, import, verify and choose the local models (nothing is ever downloaded)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Use());
        command.Subcommands.Add(Probe());
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
                if (model.Gguf is { } gguf)
                {
                    AnsiConsole.MarkupLineInterpolated($"  GGUF: {gguf.Architecture}{(gguf.Name is null ? "" : $" ({gguf.Name})")}, {gguf.Quantisation}, trained for {gguf.TrainedContext:N0} tokens of context, chat template {TemplateFamily(gguf.ChatTemplate)}");
                }

                if (model.GenAi is { } genAi)
                {
                    AnsiConsole.MarkupLineInterpolated($"  ONNX Runtime GenAI: {genAi.Type}, {genAi.Layers} layers, exported for {genAi.TrainedContext:N0} tokens of context, chat template {TemplateFamily(genAi.ChatTemplate)}");
                }

                AnsiConsole.MarkupLineInterpolated($"  from {model.Source ?? "unknown"}; licence {model.Licence ?? "not stated"}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import()
    {
        var path = new Argument<string>("path")
        {
            Description = "A GGUF chat model (FILE.gguf, as Ollama and LM Studio keep them); an ONNX Runtime GenAI chat model's folder (genai_config.json, " +
                "model.onnx and its weights, tokenizer.json, tokenizer_config.json); or a sentence-transformers ONNX export (model.onnx, vocab.txt, its JSON " +
                "files); with docshelf-model.json and its sha256s if it came with one",
        };
        var name = new Option<string?>("--name") { Description = "Name to give the model (default: its manifest's name, or the file's or folder's)" };
        var command = new Command("import", "Copy a model into the shelf, check its hashes and try it: a GGUF file in a process of its own") { path, name };
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            var library = new ModelLibrary(CommonOptions.DataDirectory(result));
            var source = result.GetRequiredValue(path);
            if (File.Exists(source) && new FileInfo(source).Length is var bytes and > 100_000_000)
            {
                // Hashing it, copying it, hashing the copy and loading it take a while for gigabytes: say so first.
                Console.Error.WriteLine($"Checking {Path.GetFileName(source)} ({bytes / 1e9:0.0} GB): hashing it, copying it and trying it take a while.");
            }

            var manifest = library.Import(source, result.GetValue(name), GgufChildProbe.Run);
            if (manifest.Gguf is { } gguf)
            {
                AnsiConsole.MarkupLineInterpolated($"Imported [bold]{manifest.Name}[/]: sha256 {manifest.Files[0].Sha256[..16]}…, {gguf.Architecture} {gguf.Quantisation}, chat template {TemplateFamily(gguf.ChatTemplate)}; it loaded and answered its probe.");
                AnsiConsole.MarkupLineInterpolated($"Answer with it after: docshelf models use {manifest.Name}, and AnswerBackend \"local\" in docshelf.json");
            }
            else if (manifest.GenAi is { } genAi)
            {
                AnsiConsole.MarkupLineInterpolated($"Imported [bold]{manifest.Name}[/]: {manifest.Files.Count} files checked, an ONNX Runtime GenAI {genAi.Type} model, chat template {TemplateFamily(genAi.ChatTemplate)}; it loaded and answered its probe.");
                AnsiConsole.MarkupLineInterpolated($"Answer with it after: docshelf models use {manifest.Name}, and AnswerBackend \"local\" in docshelf.json");
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

    /// <summary>The import's trial of a GGUF file, run by the import in a process of its own; prints what it found as JSON.</summary>
    private static Command Probe()
    {
        var file = new Argument<string>("file") { Description = "The GGUF file to try" };
        var command = new Command("probe", "Try a GGUF file: read its metadata, check the memory it needs, load it and have it answer a few tokens") { file };
        command.Hidden = true;
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            JsonOutput.Write(GgufProbe.Run(result.GetRequiredValue(file)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The family a chat template lays a conversation out in, named by the markers it writes.</summary>
    private static string TemplateFamily(string? template) => template switch
    {
        null => "none",
        _ when template.Contains("<|im_start|>", StringComparison.Ordinal) => "ChatML",
        _ when template.Contains("<|start_header_id|>", StringComparison.Ordinal) => "Llama 3",
        _ when template.Contains("<|assistant|>", StringComparison.Ordinal) && template.Contains("<|end|>", StringComparison.Ordinal) => "Phi 3",
        _ when template.Contains("<start_of_turn>", StringComparison.Ordinal) => "Gemma",
        _ when template.Contains("[INST]", StringComparison.Ordinal) => "Mistral",
        _ => "of its own",
    };

    private static Command Use()
    {
        var name = new Argument<string>("name") { Description = $"The built-in or an imported embedding model, a chat model, or \"{ModelLibrary.NoModel}\" to search by words only" };
        var command = new Command("use", "Choose the embedding model for semantic and hybrid search, or the chat model the local answer backend runs") { name };
        command.SetAction((result, _) => CommandGuard.Run(() =>
        {
            var library = new ModelLibrary(CommonOptions.DataDirectory(result));
            var manifest = library.Use(result.GetRequiredValue(name));
            AnsiConsole.WriteLine(manifest is null
                ? "Search is now by words only; the vectors already made stay, for when a model is chosen again."
                : manifest.Kind == ModelKind.Chat
                ? $"Answers now come from {manifest.Name} when docshelf.json sets AnswerBackend to \"local\"; a running service picks it up when it restarts."
                : $"Search now uses {manifest.Name}. Chunks without its vectors are embedded by the next `docshelf ingest` or by a running service after it restarts.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
