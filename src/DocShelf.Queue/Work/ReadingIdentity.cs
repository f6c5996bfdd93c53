using System.Security.Cryptography;
using System.Text;

namespace DocShelf.Queue.Work;

/// <summary>
/// What decides how a file is read, which a worker must share with the shelf it reads for: the DocShelf release (its
/// readers, OCR and chunking), the embedding model and its weights' sha256 (so one shelf never holds two models'
/// vectors), and the OCR languages. Files wait in a queue named after it, so a worker of another identity is never
/// handed one; its heartbeat says why.
/// </summary>
/// <param name="EmbeddingModel">The model's name, or null on a shelf searched by words alone.</param>
public sealed record ReadingIdentity(string DocShelfVersion, string? EmbeddingModel, string? EmbeddingSha256, string OcrLanguages)
{
    /// <summary>A short, stable name for the identity, for the queue its files wait in.</summary>
    public string Key =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{DocShelfVersion}\n{EmbeddingModel}\n{EmbeddingSha256}\n{OcrLanguages}")))[..16];

    /// <summary>How <paramref name="worker"/> differs from this, the shelf's identity, in words; empty when it does not.</summary>
    public IReadOnlyList<string> DifferencesFrom(ReadingIdentity worker) =>
    [
        .. worker.DocShelfVersion == DocShelfVersion ? [] : new[] { $"DocShelf {worker.DocShelfVersion} where the shelf runs {DocShelfVersion}" },
        .. worker.EmbeddingModel == EmbeddingModel && worker.EmbeddingSha256 == EmbeddingSha256
            ? []
            : new[] { $"embedding model {Describe(worker.EmbeddingModel, worker.EmbeddingSha256)} where the shelf uses {Describe(EmbeddingModel, EmbeddingSha256)}" },
        .. worker.OcrLanguages == OcrLanguages ? [] : new[] { $"OCR languages {worker.OcrLanguages} where the shelf reads {OcrLanguages}" },
    ];

    private static string Describe(string? model, string? sha256) =>
        model is null ? "none (words only)" : $"{model} (sha256 {sha256?[..Math.Min(12, sha256.Length)]}…)";
}
