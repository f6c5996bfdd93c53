using Microsoft.Extensions.AI;

namespace DocShelf.Search.Semantic;

/// <summary>
/// An embedding generator opened the first time something is embedded, not when the shelf opens: a command whose
/// query needs only words never loads the model, and one that needs meaning loads it once.
/// </summary>
public sealed class DeferredEmbeddingGenerator(Func<IEmbeddingGenerator<string, Embedding<float>>> open) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> opened = new(open, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the model has been opened yet.</summary>
    public bool IsOpen => opened.IsValueCreated;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        opened.Value.GenerateAsync(values, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : opened.Value.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        if (opened.IsValueCreated)
        {
            opened.Value.Dispose();
        }
    }
}
