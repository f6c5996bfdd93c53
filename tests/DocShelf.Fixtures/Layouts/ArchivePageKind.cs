namespace DocShelf.Fixtures.Layouts;

/// <summary>One kind of page an archive holds: set in some columns, perhaps fed into the scanner turned or askew.</summary>
/// <param name="Words">How much prose the page holds: a full page when null, else only its first this many words.</param>
public sealed record ArchivePageKind(string Name, int Columns, int TurnDegrees, float SkewDegrees, int? Words = null)
{
    public static ArchivePageKind SingleColumn { get; } = new("single-column", 1, 0, 0);

    public static ArchivePageKind TwoColumns { get; } = new("two-column", 2, 0, 0);

    public static ArchivePageKind ThreeColumns { get; } = new("three-column", 3, 0, 0);

    public static ArchivePageKind Turned90 { get; } = new("turned-90", 1, 90, 0);

    public static ArchivePageKind Turned180 { get; } = new("turned-180", 1, 180, 0);

    public static ArchivePageKind Turned270 { get; } = new("turned-270", 1, 270, 0);

    public static ArchivePageKind Skewed3 { get; } = new("skewed-3", 1, 0, 3);

    /// <summary>A short note upside down: too few letters for orientation detection to be sure of itself.</summary>
    public static ArchivePageKind ShortNote180 { get; } = new("short-note-180", 1, 180, 0, Words: 12);

    /// <summary>Every kind, in the order a mixed set cycles through them.</summary>
    public static IReadOnlyList<ArchivePageKind> All { get; } =
        [SingleColumn, ThreeColumns, Turned90, TwoColumns, Turned180, Skewed3, Turned270, ShortNote180];
}
