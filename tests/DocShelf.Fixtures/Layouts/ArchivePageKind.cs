namespace DocShelf.Fixtures.Layouts;

/// <summary>One kind of page an archive holds: set in some columns, perhaps fed into the scanner turned or askew.</summary>
public sealed record ArchivePageKind(string Name, int Columns, int TurnDegrees, float SkewDegrees)
{
    public static ArchivePageKind SingleColumn { get; } = new("single-column", 1, 0, 0);

    public static ArchivePageKind TwoColumns { get; } = new("two-column", 2, 0, 0);

    public static ArchivePageKind ThreeColumns { get; } = new("three-column", 3, 0, 0);

    public static ArchivePageKind Turned90 { get; } = new("turned-90", 1, 90, 0);

    public static ArchivePageKind Turned180 { get; } = new("turned-180", 1, 180, 0);

    public static ArchivePageKind Turned270 { get; } = new("turned-270", 1, 270, 0);

    public static ArchivePageKind Skewed3 { get; } = new("skewed-3", 1, 0, 3);

    /// <summary>Every kind, in the order a mixed set cycles through them.</summary>
    public static IReadOnlyList<ArchivePageKind> All { get; } =
        [SingleColumn, ThreeColumns, Turned90, TwoColumns, Turned180, Skewed3, Turned270];
}
