namespace DocShelf.Fixtures.Office;

/// <summary>One sheet of a workbook the fixtures write: its name and its rows of cells.</summary>
public sealed record SheetText(string Name, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>A ledger of harbour dues and a list of keepers: words, numbers and a date-like text in cells.</summary>
    public static IReadOnlyList<SheetText> Ledger { get; } =
    [
        new("Harbour dues 1894", [
            ["Vessel", "Master", "Tonnage", "Dues"],
            ["Brigantine Mary Ellen", "Josiah Penhallow", "212", "14.5"],
            ["Schooner Curlew", "Thomas Varcoe", "96", "6.25"],
            ["Ketch Good Intent", "Richard Tregear", "58", "3.75"],
            ["Steam collier Wendbury", "Alfred Mounsey", "640", "41"],
        ]),
        new("Lighthouse keepers", [
            ["Keeper", "Station", "Appointed"],
            ["Samuel Hocking", "Breakwater light", "March 1889"],
            ["William Jago", "Pier head lamp", "October 1891"],
        ]),
    ];
}
