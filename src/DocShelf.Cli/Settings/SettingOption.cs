using System.CommandLine;
using System.Globalization;

namespace DocShelf.Cli.Settings;

/// <summary>A command-line option that overrides one setting of <see cref="ShelfSettings"/>, only when it is given.</summary>
public sealed class SettingOption<T> : Option<T>
{
    public SettingOption(string name, string setting, string description)
        : base(name)
    {
        Setting = setting;
        Description = description;
    }

    public string Setting { get; }

    public void AddTo(IDictionary<string, string?> overrides, ParseResult result)
    {
        if (result.GetValue(this) is { } value)
        {
            overrides[Setting] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }
}
