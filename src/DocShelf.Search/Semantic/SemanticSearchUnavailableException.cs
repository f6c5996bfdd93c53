namespace DocShelf.Search.Semantic;

/// <summary>A semantic or hybrid search was asked of a shelf that has no embedding model in use.</summary>
public sealed class SemanticSearchUnavailableException() : Exception(
    "Semantic and hybrid search need an embedding model, and none is in use on this shelf: bring one in with " +
    "`docshelf models import FOLDER` and choose it with `docshelf models use NAME`. Lexical search works without one.");
