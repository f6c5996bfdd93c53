using Microsoft.ML.OnnxRuntime;

namespace DocShelf.Models.Generation;

/// <summary>
/// The key-value cache between passes. A pass's present.N outputs become the next pass's past_key_values.N inputs
/// as they are, with no copy; the outputs of the pass before are freed then.
/// </summary>
internal sealed class DecoderCache(OrtValue[] empty) : IDisposable
{
    private IDisposableReadOnlyCollection<OrtValue>? lastOutputs;

    public IReadOnlyList<OrtValue> Values { get; private set; } = empty;

    /// <summary>Takes a pass's outputs (logits first, then the cache in input order) as the new cache.</summary>
    public void Replace(IDisposableReadOnlyCollection<OrtValue> outputs)
    {
        lastOutputs?.Dispose();
        lastOutputs = outputs;
        Values = [.. outputs.Skip(1)];
    }

    public void Dispose()
    {
        lastOutputs?.Dispose();
        foreach (var value in empty)
        {
            value.Dispose();
        }
    }
}
