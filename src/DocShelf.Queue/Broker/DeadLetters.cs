using System.Text;
using RabbitMQ.Client;

namespace DocShelf.Queue.Broker;

/// <summary>Reads why the broker dead-lettered a message, from the x-death header it adds.</summary>
public static class DeadLetters
{
    /// <summary>
    /// Whether a consumer rejected the message (a worker that could not take the file's bytes) rather than the
    /// broker giving up on it after its delivery limit.
    /// </summary>
    public static bool WasRejected(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue("x-death", out var deaths) == true
        && deaths is IList<object> { Count: > 0 } list
        && list[0] is IDictionary<string, object?> death
        && death.TryGetValue("reason", out var reason)
        && reason is byte[] text
        && Encoding.UTF8.GetString(text) == "rejected";
}
