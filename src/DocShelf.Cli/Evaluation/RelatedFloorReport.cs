namespace DocShelf.Cli.Evaluation;

/// <summary>What `docshelf eval --related` found: the model's floor for related results, the floor the shelf suggests, and the figures behind it.</summary>
/// <param name="Current">The model's own floor for related results, or null when it declares none.</param>
/// <param name="SearchFloor">The model's search floor, which scores below are counted at.</param>
public sealed record RelatedFloorReport(string Model, double? Current, double Recommended, double SearchFloor, IReadOnlyList<RelatedFloorRow> Rows);
