using System.CommandLine;
using System.Globalization;
using DocShelf.Cli.Commands;
using DocShelf.Search;
using Spectre.Console;

// The shelf, its backups and everything else DocShelf writes hold documents' text: none of it is for other users,
// whatever umask the caller had.
OwnerOnly.ForThisProcess();

// Numbers and dates print the same whatever the machine's locale: scripts and the JSON contracts rely on it.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

// Piped output is read by scripts and log viewers: never wrap it at a guessed terminal width.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 1000;
}

var root = new RootCommand("DocShelf: find anything in your scanned papers and PDFs, on this machine, offline.");
root.Options.Add(CommonOptions.Data);
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(AskCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(DocumentsCommand.Create());
root.Subcommands.Add(TextCommand.Create());
root.Subcommands.Add(RetryCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(WorkerCommand.Create());
root.Subcommands.Add(ModelsCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(RestoreCommand.Create());

// On Ctrl+C or SIGTERM the running command is cancelled and given time to finish the pages in flight.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) });
