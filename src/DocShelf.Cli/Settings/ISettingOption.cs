using System.CommandLine;

namespace DocShelf.Cli.Settings;

/// <summary>A command-line option that sets one of the <see cref="ShelfSettings"/> when it is given.</summary>
public interface ISettingOption
{
    void ApplyTo(ShelfSettings settings, ParseResult result);
}
