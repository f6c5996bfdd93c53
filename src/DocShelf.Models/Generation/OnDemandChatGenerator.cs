namespace DocShelf.Models.Generation;

/// <summary>
/// A local chat model loaded at its first question rather than when the program starts, kept loaded between
/// questions, and let go once it has stood idle for <paramref name="unloadAfter"/> (never when null). A model that
/// fails to load fails that question, and the next question tries again.
/// </summary>
/// <param name="source">Where the model lives, known before it loads.</param>
public sealed class OnDemandChatGenerator(string source, Func<IChatGenerator> open, TimeSpan? unloadAfter) : IChatGenerator
{
    private readonly Lock gate = new();
    private Timer? idle;
    private IChatGenerator? loaded;
    private int inUse;

    public string Source => source;

    /// <summary>Whether the model is in memory now.</summary>
    public bool IsLoaded
    {
        get
        {
            lock (gate)
            {
                return loaded is not null;
            }
        }
    }

    public int ContextTokens => Use(model => model.ContextTokens);

    public string ChatPromptFor(IEnumerable<ChatTurn> turns) => Use(model => model.ChatPromptFor(turns));

    public IReadOnlyList<string> ChatStops(IEnumerable<string> stops) => Use(model => model.ChatStops(stops));

    public int CountTokens(string text) => Use(model => model.CountTokens(text));

    public IEnumerable<string> Generate(string prompt, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        var model = Acquire();
        try
        {
            foreach (var piece in model.Generate(prompt, options, cancellationToken))
            {
                yield return piece;
            }
        }
        finally
        {
            Release();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            idle?.Dispose();
            loaded?.Dispose();
            loaded = null;
        }
    }

    private T Use<T>(Func<IChatGenerator, T> work)
    {
        var model = Acquire();
        try
        {
            return work(model);
        }
        finally
        {
            Release();
        }
    }

    private IChatGenerator Acquire()
    {
        lock (gate)
        {
            idle?.Change(Timeout.Infinite, Timeout.Infinite);
            loaded ??= open();
            inUse++;
            return loaded;
        }
    }

    private void Release()
    {
        lock (gate)
        {
            inUse--;
            if (inUse == 0 && unloadAfter is { } after)
            {
                (idle ??= new Timer(_ => UnloadIfIdle())).Change(after, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>A question that came in as the timer fired keeps the model.</summary>
    private void UnloadIfIdle()
    {
        lock (gate)
        {
            if (inUse == 0)
            {
                loaded?.Dispose();
                loaded = null;
            }
        }
    }
}
