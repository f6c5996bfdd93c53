using DocShelf.Cli.Commands;
using DocShelf.Cli.Settings;
using DocShelf.Cli.Workers;
using DocShelf.Models.Library;
using DocShelf.Queue.Broker;
using RabbitMQ.Client;

namespace DocShelf.Cli.Doctor;

/// <summary>
/// When the settings name a broker (`Queue`): whether its address and password are usable, whether it answers, and
/// whether this machine reads under the identity the shelf announced there, so a worker that would be refused is
/// found before it is started. Nothing is checked when no broker is named.
/// </summary>
public static class BrokerChecks
{
    private const string Check = "broker";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task<List<Finding>> RunAsync(string data, ShelfSettings settings, CancellationToken cancellationToken)
    {
        BrokerAddress? address;
        string password;
        try
        {
            address = BrokerSettings.Address(settings);
            if (address is null)
            {
                return [];
            }

            password = BrokerSettings.Password(settings);
        }
        catch (UsageException error)
        {
            return [Finding.Problem(Check, error.Message, "fix Queue, QueuePasswordFile or QueuePassword in docshelf.json")];
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        try
        {
            await using var connection = await BrokerConnection.OpenAsync(address, password, "docshelf doctor", patience.Token);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: patience.Token);
            var here = BrokerSettings.Identity(new ModelLibrary(data), settings.OcrLanguages);
            return [Finding.Ok(Check, $"{address} answers"), await IdentityAsync(channel, here, patience.Token)];
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [Finding.Problem(Check, $"{address} does not answer: {error.InnerException?.Message ?? error.Message}", "check the broker runs, the address, the user's password and permissions, and that a firewall lets this machine reach it")];
        }
    }

    private static async Task<Finding> IdentityAsync(IChannel channel, Queue.Work.ReadingIdentity here, CancellationToken cancellationToken)
    {
        var shelf = await ShelfAnnouncement.ReadAsync(channel, cancellationToken);
        if (shelf is null)
        {
            return Finding.Warning("reading identity", "no shelf has announced itself on the broker yet", "start the shelf's service with --queue (or Queue in its docshelf.json)");
        }

        var differences = shelf.DifferencesFrom(here);
        return differences.Count == 0
            ? Finding.Ok("reading identity", $"this machine reads as the shelf does (DocShelf {here.DocShelfVersion}, {here.EmbeddingModel ?? "words only"}, OCR {here.OcrLanguages})")
            : Finding.Problem("reading identity", $"a worker here would be refused: it has {string.Join("; ", differences)}", "install the shelf's DocShelf release, import and choose its embedding model, and set its OCR languages");
    }
}
