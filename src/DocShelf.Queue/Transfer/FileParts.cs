using System.Globalization;
using System.Security.Cryptography;
using RabbitMQ.Client;

namespace DocShelf.Queue.Transfer;

/// <summary>
/// A file's bytes carried over the broker in parts of bounded size, so no message grows with the file: the parts
/// wait in a durable queue of their own, named after the transfer, each marked with its place; the receiver takes
/// them without acknowledging, writing each in its place as it comes, checks the whole's sha256, and gives them back,
/// so a receiver that dies mid-file leaves them for the next. The sender deletes the queue once the file is dealt with.
/// </summary>
public static class FileParts
{
    /// <summary>A mebibyte: far under the broker's message limit, and few parts for most papers.</summary>
    public const int DefaultPartBytes = 1 << 20;

    private const string PlaceHeader = "docshelf-part";

    /// <summary>What the name of every transfer's queue starts with.</summary>
    public const string QueuePrefix = "docshelf.parts.";

    public static string QueueName(string transferId) => QueuePrefix + transferId;

    /// <summary>Puts <paramref name="content"/> on the broker in parts; returns once the broker has confirmed every one.</summary>
    /// <param name="channel">A channel with publisher confirmations, so a part the broker did not take fails the send.</param>
    public static async Task<TransferDescription> SendAsync(IChannel channel, string transferId, Stream content, int partBytes = DefaultPartBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partBytes, 1);
        var queue = QueueName(transferId);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[partBytes];
        var (parts, bytes) = (0, 0L);
        try
        {
            int read;
            while ((read = await content.ReadAtLeastAsync(buffer, partBytes, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                var properties = new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { [PlaceHeader] = parts } };
                await channel.BasicPublishAsync("", queue, mandatory: true, properties, buffer.AsMemory(0, read), cancellationToken);
                parts++;
                bytes += read;
            }
        }
        catch when (channel.IsOpen)
        {
            // Half a file is of use to no one.
            await DeleteAsync(channel, transferId, CancellationToken.None);
            throw;
        }

        return new TransferDescription(transferId, Convert.ToHexStringLower(hash.GetHashAndReset()), bytes, parts);
    }

    /// <summary>
    /// Writes the file's parts to <paramref name="destination"/> as they come, hashing them on the way, and gives them
    /// back to the broker; a part is held in memory only while it is written, whatever the file's size. The broker
    /// keeps a queue's order, also for parts another receiver gave back, so each part must come in its place.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A part is missing, out of its place or one too many (another receiver is taking the same parts at once), or the
    /// whole is not what was sent; what was written is then to be thrown away.
    /// </exception>
    public static async Task ReceiveAsync(IChannel channel, TransferDescription transfer, Stream destination, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var (next, bytes) = (0, 0L);
        ulong lastTag = 0;
        try
        {
            while (await channel.BasicGetAsync(QueueName(transfer.Id), autoAck: false, cancellationToken) is { } part)
            {
                lastTag = part.DeliveryTag;
                var place = Place(part.BasicProperties);
                if (place != next || next == transfer.Parts)
                {
                    throw new InvalidDataException($"Transfer {transfer.Id} holds a part marked {place} where part {next} of its {transfer.Parts} was due.");
                }

                hash.AppendData(part.Body.Span);
                await destination.WriteAsync(part.Body, cancellationToken);
                (next, bytes) = (next + 1, bytes + part.Body.Length);
            }

            if (next != transfer.Parts)
            {
                throw new InvalidDataException($"Transfer {transfer.Id} holds {next} of its {transfer.Parts} parts.");
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (bytes != transfer.Bytes || sha256 != transfer.Sha256)
            {
                throw new InvalidDataException($"Transfer {transfer.Id} arrived as {bytes} bytes with sha256 {sha256}, not the {transfer.Bytes} bytes with sha256 {transfer.Sha256} sent.");
            }
        }
        finally
        {
            if (lastTag != 0)
            {
                // Back for whoever needs them next; the sender deletes them once the file is dealt with.
                await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, CancellationToken.None);
            }
        }
    }

    /// <summary>Deletes the transfer's queue and its parts; nothing happens if it is gone already.</summary>
    public static async Task DeleteAsync(IChannel channel, string transferId, CancellationToken cancellationToken = default) =>
        await channel.QueueDeleteAsync(QueueName(transferId), ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);

    private static int Place(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(PlaceHeader, out var value) == true && value is not null
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : -1;
}
