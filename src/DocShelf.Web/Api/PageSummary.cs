using DocShelf.Core.Documents;

namespace DocShelf.Web.Api;

/// <summary>One page of a document in /api/documents/{id}: where its text came from and how sure the reading was.</summary>
public sealed record PageSummary(int Number, PageSource Source, double Confidence, int Words);
