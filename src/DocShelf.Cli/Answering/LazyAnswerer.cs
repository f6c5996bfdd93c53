using DocShelf.Answering.Answers;

namespace DocShelf.Cli.Answering;

/// <summary>
/// An answerer made on the first question. A generative answerer loads its model when built, which a process that
/// may never be asked (`ingest`, answering others while it works) should not pay for.
/// </summary>
public sealed class LazyAnswerer(Func<IAnswerer> create) : IAnswerer, IDisposable
{
    private readonly Lazy<IAnswerer> answerer = new(create);

    public IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, CancellationToken cancellationToken = default) =>
        answerer.Value.StreamAsync(question, cancellationToken);

    public void Dispose()
    {
        if (answerer.IsValueCreated)
        {
            (answerer.Value as IDisposable)?.Dispose();
        }
    }
}
