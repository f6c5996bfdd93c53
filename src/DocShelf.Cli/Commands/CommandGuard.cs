using DocShelf.Answering.Chat;
using DocShelf.Cli.Access;
using DocShelf.Cli.Backup;
using DocShelf.Models.Generation;
using DocShelf.Models.Gguf;
using DocShelf.Models.Library;
using DocShelf.Search.Lexical;
using DocShelf.Search.Semantic;
using DocShelf.Search.Store;
using RabbitMQ.Client.Exceptions;

namespace DocShelf.Cli.Commands;

/// <summary>Turns any failure into one clear line on stderr and exit code 1, instead of a stack trace.</summary>
public static class CommandGuard
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("docshelf: interrupted; everything finished before the interruption is kept.");
            return ExitCodes.Error;
        }
        catch (Exception error)
        {
            await Console.Error.WriteLineAsync($"docshelf: {Describe(error)}");
            return ExitCodes.Error;
        }
    }

    public static Task<int> Run(Func<int> action) => RunAsync(() => Task.FromResult(action()));

    private static string Describe(Exception error) => error switch
    {
        UsageException or ChatSetupException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or ShelfInUseException or ShelfTooNewException or BackupRefusedException or ServiceRefusedException or ModelImportException or ChatModelException or SemanticSearchUnavailableException or QueryTooCostlyException
            or InvalidDataException => error.Message,
        BrokerUnreachableException => $"could not reach the broker: {error.InnerException?.Message ?? error.Message}",
        HttpRequestException => $"could not reach the running DocShelf service: {error.Message}",
        IOException or UnauthorizedAccessException => $"could not use the data folder: {error.Message}",
        _ => $"unexpected error ({error.GetType().Name}): {error.Message}",
    };
}
