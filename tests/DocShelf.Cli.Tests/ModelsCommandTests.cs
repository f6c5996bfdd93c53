using System.Text.Json;
using DocShelf.Core.Files;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Cli.Tests;

public sealed class ModelsCommandTests : IDisposable
{
    private static readonly string TinyModel = Path.Combine(AppContext.BaseDirectory, "TinyModels", "tiny-bert-mean");
    private static readonly string TinyDecoder = Path.Combine(AppContext.BaseDirectory, "TinyModels", "tiny-decoder");
    private static readonly string TinyLlama = Path.Combine(AppContext.BaseDirectory, "TinyModels", "tiny-llama", "model.gguf");
    private static readonly string AbortingLlama = Path.Combine(AppContext.BaseDirectory, "TinyModels", "tiny-llama-aborts", "model.gguf");

    /// <summary>The local backend by its earlier name, which settings written before it still use.</summary>
    private static readonly Dictionary<string, string> OnnxAnswers = new() { ["DOCSHELF_AnswerBackend"] = "onnx" };

    /// <summary>The tiny models' context is 512 tokens: the answer's share is kept small to leave the sources room.</summary>
    private static readonly Dictionary<string, string> LocalAnswers = new() { ["DOCSHELF_AnswerBackend"] = "local", ["DOCSHELF_ChatMaxTokens"] = "12" };

    private readonly TempFolder folder = new();

    [Fact]
    public async Task A_fresh_shelf_searches_by_meaning_with_the_built_in_model_with_no_step_taken()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("note.txt"), "The ferry crosses the estuary every half hour. Fares are paid to the boatman.");
        var ingest = await CliRunner.RunAsync(data, "ingest", folder.File("note.txt"));

        // A paraphrase sharing no word with the note (0.62 from it) is below the floor for related results in the
        // default mode, so meaning alone is asked for.
        var search = await CliRunner.RunAsync(data, "search", "how often does the boat go over the river", "--mode", "semantic", "--json");
        var nonsense = await CliRunner.RunAsync(data, "search", "zzzz qqqq", "--json");
        var list = await CliRunner.RunAsync(data, "models", "list");
        var status = JsonDocument.Parse((await CliRunner.RunAsync(data, "status", "--json")).Output).RootElement.GetProperty("search");

        Assert.Contains("Embedded 1 chunks with snowflake-arctic-embed-xs", ingest.Error, StringComparison.Ordinal);
        var found = JsonDocument.Parse(search.Output).RootElement;
        Assert.Equal(["lexical", "semantic", "hybrid"], status.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        Assert.EndsWith("note.txt", found.GetProperty("results")[0].GetProperty("path").GetString(), StringComparison.Ordinal); // no word of the query is in it
        Assert.Equal(0, JsonDocument.Parse(nonsense.Output).RootElement.GetProperty("results").GetArrayLength());
        Assert.Contains("snowflake-arctic-embed-xs (in use for search) built in", list.Output, StringComparison.Ordinal);
        Assert.Contains("licence Apache-2.0", list.Output, StringComparison.Ordinal);
        Assert.Equal(("snowflake-arctic-embed-xs", 0), (status.GetProperty("embeddingModel").GetString(), status.GetProperty("vectorsToMake").GetInt32()));
    }

    [Fact]
    public async Task Models_use_none_makes_search_lexical_and_semantic_search_says_how_to_choose_a_model()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("note.txt"), "The ferry crosses every half hour.");
        var none = await CliRunner.RunAsync(data, "models", "use", "none");
        await CliRunner.RunAsync(data, "ingest", folder.File("note.txt"));

        var lexical = await CliRunner.RunAsync(data, "search", "ferry", "--json");
        var semantic = await CliRunner.RunAsync(data, "search", "ferry", "--mode", "semantic");
        var list = await CliRunner.RunAsync(data, "models", "list");

        Assert.Equal(0, none.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(lexical.Output).RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal(1, semantic.ExitCode);
        Assert.Contains("docshelf models use NAME", semantic.Error, StringComparison.Ordinal);
        Assert.Contains("Search is by words only", list.Output, StringComparison.Ordinal);
        var status = await CliRunner.RunAsync(data, "status");
        Assert.Contains("lexical only", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_model_in_use_embeds_the_shelf_and_serves_every_mode()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("note.txt"), "The ferry crosses every half hour.");
        await File.WriteAllTextAsync(folder.File("dues.txt"), "Harbour dues rose to nine hundred pounds.");

        var import = await CliRunner.RunAsync(data, "models", "import", TinyModel, "--name", "tiny");
        var use = await CliRunner.RunAsync(data, "models", "use", "tiny");
        var ingest = await CliRunner.RunAsync(data, "ingest", folder.File("note.txt"), folder.File("dues.txt"));

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(use.ExitCode == 0, use.ToString());
        Assert.Contains("Embedded 2 chunks with tiny", ingest.Error, StringComparison.Ordinal);
        foreach (var mode in new[] { "lexical", "semantic", "hybrid" })
        {
            var search = await CliRunner.RunAsync(data, "search", "ferry", "--mode", mode, "--json");
            Assert.True(search.ExitCode == 0, search.ToString());
            Assert.NotEqual(0, JsonDocument.Parse(search.Output).RootElement.GetProperty("results").GetArrayLength());
        }

        var verify = await CliRunner.RunAsync(data, "models", "verify");
        Assert.Equal(0, verify.ExitCode);
        var searchStatus = JsonDocument.Parse((await CliRunner.RunAsync(data, "status", "--json")).Output).RootElement.GetProperty("search");
        Assert.Equal("tiny", searchStatus.GetProperty("embeddingModel").GetString());
        Assert.Equal((2, 0), (searchStatus.GetProperty("vectors").GetInt32(), searchStatus.GetProperty("vectorsToMake").GetInt32()));
    }

    [Fact]
    public async Task A_damaged_model_fails_verification()
    {
        var data = folder.File("data");
        await CliRunner.RunAsync(data, "models", "import", TinyModel, "--name", "tiny");
        await File.AppendAllTextAsync(Path.Combine(data, "models", "tiny", "vocab.txt"), "tampered\n");

        var verify = await CliRunner.RunAsync(data, "models", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("tiny: vocab.txt has sha256", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_onnx_runtime_genai_folder_is_imported_with_what_its_configuration_says_and_answers_through_the_local_backend_by_its_earlier_name()
    {
        var data = await LampShelfAsync();

        var import = await CliRunner.RunAsync(data, "models", "import", TinyDecoder, "--name", "decoder");
        var use = await CliRunner.RunAsync(data, "models", "use", "decoder");
        var listed = await CliRunner.RunAsync(data, "models", "list");
        var list = JsonDocument.Parse((await CliRunner.RunAsync(data, "models", "list", "--json")).Output).RootElement;
        var ask = await CliRunner.RunAsync(data, OnnxAnswers, "ask", "Where is the temporary red light shown?", "--json");
        var status = JsonDocument.Parse((await CliRunner.RunAsync(data, OnnxAnswers, "status", "--json")).Output).RootElement.GetProperty("answers");
        var plainStatus = await CliRunner.RunAsync(data, "status");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("an ONNX Runtime GenAI llama model, chat template ChatML; it loaded and answered its probe", import.Output, StringComparison.Ordinal);
        Assert.True(use.ExitCode == 0, use.ToString());
        Assert.Contains("ONNX Runtime GenAI: llama, 2 layers, exported for 1,024 tokens of context, chat template ChatML", listed.Output, StringComparison.Ordinal);
        Assert.Equal("decoder", list.GetProperty("activeChat").GetString());
        Assert.Equal("snowflake-arctic-embed-xs", list.GetProperty("active").GetString()); // a chat model is not an embedding model for search
        var model = list.GetProperty("models")[1];
        Assert.Equal("chat", model.GetProperty("kind").GetString());
        Assert.Equal(("llama", 1024), (model.GetProperty("genAi").GetProperty("type").GetString(), model.GetProperty("genAi").GetProperty("trainedContext").GetInt32()));
        Assert.Equal(("local", "decoder"), (status.GetProperty("backend").GetString(), status.GetProperty("model").GetString()));
        Assert.Contains("Answers extractive: sentences from the shelf, no model", plainStatus.Output, StringComparison.Ordinal);
        AssertTheExtractiveAnswerStoodIn(ask);
    }

    [Fact]
    public async Task The_local_backend_without_a_chat_model_chosen_says_how_to_choose_one()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("lamp.txt"), "The breakwater lamp was carried away in the March gale.");
        await CliRunner.RunAsync(data, "ingest", folder.File("lamp.txt"));

        var ask = await CliRunner.RunAsync(data, OnnxAnswers, "ask", "What happened to the lamp?");

        Assert.Equal(1, ask.ExitCode);
        Assert.Contains("no chat model is chosen", ask.Error, StringComparison.Ordinal);
        Assert.Contains("docshelf models use", ask.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_no_model_is_refused_at_import_and_nothing_is_kept()
    {
        var data = folder.File("data");
        var broken = folder.Folder("broken-decoder");
        FolderCopy.Copy(TinyDecoder, broken);

        await File.WriteAllTextAsync(Path.Combine(broken, "model.onnx"), "not a graph");
        File.Delete(Path.Combine(broken, "docshelf-model.json")); // without hashes to check, only the probe can tell

        var import = await CliRunner.RunAsync(data, "models", "import", broken);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("ONNX Runtime GenAI could not load the model", import.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "models")));
    }

    [Fact]
    public async Task A_language_model_exported_without_genai_config_is_refused_with_how_to_export_it()
    {
        var data = folder.File("data");
        var bare = folder.Folder("bare-decoder");
        FolderCopy.Copy(TinyDecoder, bare, file => file is "model.onnx" or "tokenizer.json" or "tokenizer_config.json");

        var import = await CliRunner.RunAsync(data, "models", "import", bare);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("has no genai_config.json: export it with ONNX Runtime GenAI's model builder", import.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "models")));
    }

    [Fact]
    public async Task A_gguf_file_is_imported_with_what_its_metadata_says_and_answers_through_the_local_backend()
    {
        var data = await LampShelfAsync();

        var import = await CliRunner.RunAsync(data, "models", "import", TinyLlama, "--name", "tiny");
        var use = await CliRunner.RunAsync(data, "models", "use", "tiny");
        var listed = await CliRunner.RunAsync(data, "models", "list");
        var list = JsonDocument.Parse((await CliRunner.RunAsync(data, "models", "list", "--json")).Output).RootElement;
        var ask = await CliRunner.RunAsync(data, LocalAnswers, "ask", "Where is the temporary red light shown?", "--json");
        var status = JsonDocument.Parse((await CliRunner.RunAsync(data, LocalAnswers, "status", "--json")).Output).RootElement.GetProperty("answers");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("llama F32, chat template ChatML; it loaded and answered its probe", import.Output, StringComparison.Ordinal);
        Assert.True(use.ExitCode == 0, use.ToString());
        Assert.Contains("GGUF: llama (docshelf-tiny-llama), F32, trained for 512 tokens of context, chat template ChatML", listed.Output, StringComparison.Ordinal);
        Assert.Contains("licence random weights made by DocShelf's test generator", listed.Output, StringComparison.Ordinal);
        var model = list.GetProperty("models")[1];
        Assert.Equal(("tiny", "chat"), (model.GetProperty("name").GetString(), model.GetProperty("kind").GetString()));
        Assert.Equal(FileHash.Sha256(TinyLlama), model.GetProperty("files")[0].GetProperty("sha256").GetString());
        var gguf = model.GetProperty("gguf");
        Assert.Equal(("llama", "F32", 512), (gguf.GetProperty("architecture").GetString(), gguf.GetProperty("quantisation").GetString(), gguf.GetProperty("trainedContext").GetInt32()));
        Assert.Contains("<|im_start|>", gguf.GetProperty("chatTemplate").GetString(), StringComparison.Ordinal);
        Assert.Equal(("local", "tiny"), (status.GetProperty("backend").GetString(), status.GetProperty("model").GetString()));
        AssertTheExtractiveAnswerStoodIn(ask);
    }

    [Fact]
    public async Task A_gguf_file_that_makes_llama_cpp_abort_is_refused_by_a_probe_in_its_own_process()
    {
        var data = folder.File("data");

        var import = await CliRunner.RunAsync(data, "models", "import", AbortingLlama, "--name", "aborts");

        // The import itself lived to say why, and kept nothing.
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("model.gguf was not imported. llama.cpp aborted while trying model.gguf at GGML_ASSERT(", import.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "models")));
    }

    [Fact]
    public async Task A_file_named_gguf_that_is_not_gguf_is_refused_before_llama_cpp_reads_it()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("notes.gguf"), "harbour minutes, not a model");

        var import = await CliRunner.RunAsync(data, "models", "import", folder.File("notes.gguf"));

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("notes.gguf is not a GGUF file", import.Error, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    /// <summary>A shelf holding one note on the breakwater lamp; returns its data folder.</summary>
    private async Task<string> LampShelfAsync()
    {
        var data = folder.File("data");
        await File.WriteAllTextAsync(folder.File("lamp.txt"), "The breakwater lamp was carried away in the March gale. A temporary red light is shown from the harbour office window.");
        await CliRunner.RunAsync(data, "ingest", folder.File("lamp.txt"));
        return data;
    }

    /// <summary>The tiny models' random weights write no citations, so the checked answer is the extractive one, with the reason.</summary>
    private static void AssertTheExtractiveAnswerStoodIn(CliResult ask)
    {
        Assert.True(ask.ExitCode == 0, ask.ToString());
        var answer = JsonDocument.Parse(ask.Output).RootElement;
        Assert.Equal("extractive", answer.GetProperty("answerer").GetString());
        Assert.Contains("harbour office window", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The chat model's answer cited nothing on the shelf that supports it.", answer.GetProperty("notice").GetString(), StringComparison.Ordinal);
    }
}
