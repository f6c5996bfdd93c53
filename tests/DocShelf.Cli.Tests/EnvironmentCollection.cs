namespace DocShelf.Cli.Tests;

/// <summary>Tests that set this process's environment run alone: every docshelf a test starts would inherit it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Sets the environment";
}
