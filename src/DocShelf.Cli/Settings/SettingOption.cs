using System.CommandLine;

namespace DocShelf.Cli.Settings;

/// <summary>
/// A command-line option that overrides one setting, only when it is given, by setting the typed value itself: any
/// option type works (numbers, flags, lists), and nothing goes through text on the way.
/// </summary>
public sealed class SettingOption<T> : Option<T>, ISettingOption
{
    private readonly Action<ShelfSettings, T> apply;

    public SettingOption(string name, string description, Action<ShelfSettings, T> apply)
        : base(name)
    {
        Description = description;
        this.apply = apply;
    }

    public void ApplyTo(ShelfSettings settings, ParseResult result)
    {
        if (result.GetResult(this) is { Implicit: false } && result.GetValue(this) is { } value)
        {
            apply(settings, value);
        }
    }
}
