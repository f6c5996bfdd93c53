namespace DocShelf.Cli.Commands;

/// <summary>The exit codes other tools rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad usage or a fatal error.</summary>
    public const int Error = 1;

    /// <summary>The run finished, but some files were quarantined.</summary>
    public const int SomeQuarantined = 2;
}
