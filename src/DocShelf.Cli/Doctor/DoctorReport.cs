namespace DocShelf.Cli.Doctor;

/// <summary>The JSON of `doctor --json`: every finding, and whether any is a problem.</summary>
public sealed record DoctorReport(bool Healthy, IReadOnlyList<Finding> Findings);
