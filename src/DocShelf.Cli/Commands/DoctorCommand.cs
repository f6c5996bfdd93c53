using System.CommandLine;
using DocShelf.Cli.Doctor;
using DocShelf.Cli.Output;
using DocShelf.Cli.Settings;
using Spectre.Console;

namespace DocShelf.Cli.Commands;

/// <summary>`docshelf doctor`: checks an installation and its shelf, and says what to do about each problem found.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var backups = new Option<string[]>("--backups") { Description = "A folder `docshelf backup` writes to: check that no archive there is open to other users (repeatable)" };
        var command = new Command("doctor", "Check the installation and the shelf, and say what to do about each problem (exits 1 on any)") { json, backups };
        command.SetAction((result, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var data = CommonOptions.DataDirectory(result);
            var settings = SettingsLoader.Load(data);
            List<Finding> findings =
            [
                .. await InstallationChecks.RunAsync(data, settings, cancellationToken),
                .. await ShelfChecks.RunAsync(data, settings, cancellationToken),
                .. PrivacyChecks.Run(data, result.GetValue(backups) ?? []),
                .. await BrokerChecks.RunAsync(data, settings, cancellationToken),
            ];
            var report = new DoctorReport(findings.All(f => f.Health != Health.Problem), findings);
            if (result.GetValue(json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                Print(report);
            }

            return report.Healthy ? ExitCodes.Ok : ExitCodes.Error;
        }));
        return command;
    }

    private static void Print(DoctorReport report)
    {
        foreach (var finding in report.Findings)
        {
            var (label, colour) = finding.Health switch { Health.Ok => ("ok", "green"), Health.Warning => ("note", "yellow"), _ => ("PROBLEM", "red") };
            AnsiConsole.MarkupLine($"[{colour}]{label,-8}[/] {Markup.Escape(finding.Check)}: {Markup.Escape(finding.Detail)}");
            if (finding.Remedy is { } remedy)
            {
                AnsiConsole.MarkupLine($"{"",-8} [dim]→ {Markup.Escape(remedy)}[/]");
            }
        }

        AnsiConsole.MarkupLine(report.Healthy ? "All is well." : "[red]Problems found; see above.[/]");
    }
}
