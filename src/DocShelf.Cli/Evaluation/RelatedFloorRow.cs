namespace DocShelf.Cli.Evaluation;

/// <summary>One kind of query in `docshelf eval --related`: its similarity quantiles and the share reaching each floor.</summary>
/// <param name="ReachingCurrent">The share reaching the model's own floor, or null when it declares none.</param>
public sealed record RelatedFloorRow(string Queries, int Count, double Median, double P90, double P99, double Max, double ReachingRecommended, double? ReachingCurrent);
