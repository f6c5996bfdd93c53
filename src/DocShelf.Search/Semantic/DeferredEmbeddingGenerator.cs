using Microsoft.Extensions.AI;

namespace DocShelf.Search.Semantic;

/// <summary>
/// An embedding generator opened the first time something is embedded, not when the shelf opens: a command whose
/// query needs only words never loads the model, and one that needs meaning loads it once. Told to open
/// <see cref="ModelOpening.AtOnce"/>, it starts loading on a thread of its own and the first embedding waits for it.
/// </summary>
public sealed class DeferredEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> opened;
    private readonly Task? opening;

    public DeferredEmbeddingGenerator(Func<IEmbeddingGenerator<string, Embedding<float>>> open, ModelOpening when = ModelOpening.WhenFirstUsed)
    {
        opened = new(open, LazyThreadSafetyMode.ExecutionAndPublication);
        if (when == ModelOpening.AtOnce)
        {
            // A thread of its own: loading takes a few hundred milliseconds a pool thread should not be held for. A
            // failure is kept by the Lazy and thrown to the first caller.
            opening = Task.Factory.StartNew(() => _ = opened.Value, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Whether the model has been opened yet.</summary>
    public bool IsOpen => opened.IsValueCreated;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        opened.Value.GenerateAsync(values, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : opened.Value.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // A model still loading is let finish (WaitAny does not throw a failed load), so it is closed here.
        if (opening is not null)
        {
            Task.WaitAny(opening);
        }

        if (opened.IsValueCreated)
        {
            opened.Value.Dispose();
        }
    }
}
