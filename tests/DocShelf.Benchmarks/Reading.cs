using DocShelf.Core.Documents;

namespace DocShelf.Benchmarks;

/// <summary>One reader's reading of one benchmark page: its in-order word accuracy and time.</summary>
public sealed record Reading(string Kind, string Reader, double Accuracy, double Seconds, PageGeometry? Geometry = null);
