using DocShelf.Core.Documents;

namespace DocShelf.Ingestion.Pdf;

/// <summary>One word of a PDF text layer with its box in page points, top-left origin.</summary>
public sealed record TextLayerWord(string Text, Box Box);
