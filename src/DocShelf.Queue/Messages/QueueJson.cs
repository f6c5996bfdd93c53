using System.Text.Json;
using System.Text.Json.Serialization;
using DocShelf.Queue.Readings;

namespace DocShelf.Queue.Messages;

/// <summary>The JSON of every message and reading on the broker, written and read without reflection.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ReadRequest))]
[JsonSerializable(typeof(ReadResult))]
[JsonSerializable(typeof(WorkerHeartbeat))]
[JsonSerializable(typeof(Work.ReadingIdentity))]
[JsonSerializable(typeof(ReadingBundle))]
public sealed partial class QueueJson : JsonSerializerContext
{
    public static byte[] Write<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, typeof(T), Default);

    /// <exception cref="InvalidDataException">The body is not a message of this kind.</exception>
    public static T Read<T>(ReadOnlySpan<byte> body)
    {
        try
        {
            return (T?)JsonSerializer.Deserialize(body, typeof(T), Default) ?? throw new InvalidDataException($"an empty {typeof(T).Name}");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"not a {typeof(T).Name}: {error.Message}", error);
        }
    }
}
