using DocShelf.Answering.Chat;
using DocShelf.Answering.Extractive;
using DocShelf.Ingestion;
using DocShelf.Ingestion.Chunking;
using DocShelf.Ingestion.Intake;
using DocShelf.Ingestion.Tools;
using DocShelf.Ingestion.Watching;
using DocShelf.Search.Hybrid;
using DocShelf.Web;

namespace DocShelf.Cli.Settings;

/// <summary>
/// Every setting an administrator may change, with safe defaults. Read from the data folder's docshelf.json, then
/// DOCSHELF_* environment variables, then command-line options, each overriding the one before.
/// </summary>
public sealed class ShelfSettings
{
    public List<string> Inboxes { get; set; } = [];

    public string OcrLanguages { get; set; } = "eng";

    public int Parallelism { get; set; } = Environment.ProcessorCount;

    public int ChunkSize { get; set; } = 1000;

    public int ChunkOverlap { get; set; } = 150;

    public double SettleSeconds { get; set; } = 5;

    public double RescanSeconds { get; set; } = 60;

    public double DeleteGraceSeconds { get; set; } = 60;

    public double FileTimeoutMinutes { get; set; } = 30;

    public double ToolTimeoutSeconds { get; set; } = 120;

    public long ToolMemoryMegabytes { get; set; } = 2048;

    public int MaxPages { get; set; } = 5000;

    public long MaxFileMegabytes { get; set; } = 2048;

    public double MaxPageMegapixels { get; set; } = 150;

    public int MaxAttempts { get; set; } = 3;

    /// <summary>Tried in order on encrypted PDFs. Keep them in docshelf.json with tight file permissions.</summary>
    public List<string> PdfPasswords { get; set; } = [];

    /// <summary>Where the web page and API listen; anything but loopback needs <see cref="AccessToken"/>.</summary>
    public string Listen { get; set; } = "127.0.0.1:8470";

    /// <summary>Required to listen beyond loopback; keep it in docshelf.json with tight file permissions.</summary>
    public string? AccessToken { get; set; }

    public long MaxUploadMegabytes { get; set; } = 512;

    /// <summary>
    /// The RabbitMQ broker through which workers on other machines read for this shelf (amqp://USER@HOST/VHOST, or
    /// amqps:// for TLS); `serve` then hands files to them instead of reading them itself. None by default.
    /// </summary>
    public string? Queue { get; set; }

    /// <summary>A file holding the broker password, readable by the service's user alone.</summary>
    public string? QueuePasswordFile { get; set; }

    /// <summary>The broker password itself, where no file holds it; keep it in docshelf.json with tight file permissions.</summary>
    public string? QueuePassword { get; set; }

    /// <summary>
    /// How many files the shelf keeps handed out to workers at once: enough that each has its next one waiting, few
    /// enough that the shelf's own queue stays the record of what waits.
    /// </summary>
    public int QueueFilesAtOnce { get; set; } = 32;

    /// <summary>How a worker is named in the shelf's status; the machine's name and the process id by default.</summary>
    public string? WorkerName { get; set; }

    /// <summary>How much the page images drawn for the viewer may take in the data folder; the least recently viewed go first.</summary>
    public long PageCacheMegabytes { get; set; } = WebOptions.DefaultPageImageCacheMegabytes;

    /// <summary>
    /// How much BM25's normalised score counts in hybrid search, from 0 (meaning only) to 1 (words only); the
    /// embedding model's similarity counts for the rest.
    /// </summary>
    public double HybridLexicalShare { get; set; } = ScoreFusion.DefaultLexicalShare;

    /// <summary>
    /// Who writes answers: extractive (no model, the default), openai (a chat server at <see cref="ChatUrl"/>) or local
    /// (the chat model chosen with `docshelf models use`, a GGUF file or an ONNX model, run in this process).
    /// </summary>
    public string AnswerBackend { get; set; } = "extractive";

    /// <summary><see cref="AnswerBackend"/> as the code compares it: trimmed, lower case, and "onnx", local's earlier name, read as "local".</summary>
    public string ChosenAnswerBackend() => AnswerBackend.Trim().ToLowerInvariant() is "onnx" ? "local" : AnswerBackend.Trim().ToLowerInvariant();

    /// <summary>Tokens a local chat model's prompt and answer may take together (its trained context when smaller); the key-value cache grows with it.</summary>
    public int ChatContextTokens { get; set; } = 4096;

    /// <summary>Minutes a local chat model stays in memory with no question to answer; 0 keeps it loaded while the program runs.</summary>
    public double ChatUnloadIdleMinutes { get; set; }

    /// <summary>An OpenAI-compatible chat server, such as Ollama's http://127.0.0.1:11434/v1.</summary>
    public string? ChatUrl { get; set; }

    /// <summary>The model the chat server should answer with, such as qwen2.5:0.5b.</summary>
    public string? ChatModel { get; set; }

    /// <summary>Only if the chat server asks for one; keep it in docshelf.json with tight file permissions.</summary>
    public string? ChatApiKey { get; set; }

    /// <summary>Lets <see cref="ChatUrl"/> name a server beyond this machine, which then sees the shelf's text.</summary>
    public bool ChatAllowRemote { get; set; }

    /// <summary>How long one search through the service may run; a question may take this plus <see cref="ChatTimeoutSeconds"/>.</summary>
    public double SearchTimeoutSeconds { get; set; } = 10;

    public double ChatFirstTokenSeconds { get; set; } = 30;

    public double ChatTimeoutSeconds { get; set; } = 120;

    public int ChatMaxTokens { get; set; } = 300;

    /// <summary>0 answers greedily, so a question always gets the same answer.</summary>
    public double ChatTemperature { get; set; }

    public double ChatTopP { get; set; } = 0.9;

    /// <summary>
    /// Share of a question's weight the best sentence on the shelf must hold before the extractive answer gives it;
    /// below it the answer is "not found". Higher refuses more often; lower guesses more often.
    /// </summary>
    public double AnswerMinimumSupport { get; set; } = new ExtractiveOptions().MinimumSupport;

    public ExtractiveOptions ToExtractiveOptions() => new() { MinimumSupport = Math.Clamp(AnswerMinimumSupport, 0, 1) };

    public ChatAnswererOptions ToChatOptions() => new()
    {
        Fallback = ToExtractiveOptions(),
        MaxTokens = Math.Max(1, ChatMaxTokens),
        Temperature = Math.Max(0, ChatTemperature),
        TopP = Math.Clamp(ChatTopP, 0.01, 1),
        FirstTokenTimeout = TimeSpan.FromSeconds(Math.Max(1, ChatFirstTokenSeconds)),
        Timeout = TimeSpan.FromSeconds(Math.Max(1, ChatTimeoutSeconds)),
    };

    public ScoreFusion ToHybridFusion() => new(Math.Clamp(HybridLexicalShare, 0, 1));

    public IngestionOptions ToIngestionOptions() => new()
    {
        OcrLanguages = OcrLanguages,
        Parallelism = Math.Max(1, Parallelism),
        Chunking = new ChunkingOptions { MaxCharacters = ChunkSize, OverlapCharacters = ChunkOverlap },
        ToolLimits = new ToolLimits(TimeSpan.FromSeconds(ToolTimeoutSeconds), ToolMemoryMegabytes * 1024 * 1024),
        MaxPages = MaxPages,
        MaxFileBytes = MaxFileMegabytes * 1024 * 1024,
        MaxPagePixels = (long)(MaxPageMegapixels * 1_000_000),
        MaxFileDuration = TimeSpan.FromMinutes(FileTimeoutMinutes),
        MaxAttempts = Math.Max(1, MaxAttempts),
        PdfPasswords = PdfPasswords,
    };

    public WebOptions ToWebOptions() => new()
    {
        Listen = Listen,
        AccessToken = string.IsNullOrWhiteSpace(AccessToken) ? null : AccessToken,
        MaxUploadBytes = MaxUploadMegabytes * 1024 * 1024,
        PageImageCacheBytes = Math.Max(0, PageCacheMegabytes) * 1024 * 1024,
        Inboxes = ToWatchOptions().Inboxes,
        PdfPasswords = PdfPasswords,
        SearchTimeLimit = TimeSpan.FromSeconds(SearchTimeoutSeconds),
        AskTimeLimit = TimeSpan.FromSeconds(SearchTimeoutSeconds + ChatTimeoutSeconds),
    };

    public WatchOptions ToWatchOptions() => new()
    {
        Inboxes = Inboxes.Select(LinkFreePath.Root).Distinct(StringComparer.Ordinal).ToList(),
        Settle = TimeSpan.FromSeconds(SettleSeconds),
        Rescan = TimeSpan.FromSeconds(RescanSeconds),
        DeleteGrace = TimeSpan.FromSeconds(DeleteGraceSeconds),
    };
}
