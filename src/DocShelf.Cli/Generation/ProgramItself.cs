using System.Diagnostics;
using System.Reflection;

namespace DocShelf.Cli.Generation;

/// <summary>This program, started again with other arguments: the installed `docshelf`, or `dotnet docshelf.dll` when run that way.</summary>
public static class ProgramItself
{
    public static ProcessStartInfo With(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The program's own path is unknown.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
