namespace DocShelf.Cli.Doctor;

/// <summary>
/// What one check of an installation found: <see cref="Health.Ok"/>, a <see cref="Health.Warning"/> worth knowing,
/// or a <see cref="Health.Problem"/> that makes `doctor` exit non-zero, with what to do about it.
/// </summary>
public sealed record Finding(string Check, Health Health, string Detail, string? Remedy = null)
{
    public static Finding Ok(string check, string detail) => new(check, Health.Ok, detail);

    public static Finding Warning(string check, string detail, string remedy) => new(check, Health.Warning, detail, remedy);

    public static Finding Problem(string check, string detail, string remedy) => new(check, Health.Problem, detail, remedy);
}
