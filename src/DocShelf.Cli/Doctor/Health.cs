namespace DocShelf.Cli.Doctor;

public enum Health
{
    Ok,
    Warning,
    Problem,
}
