namespace DocShelf.Search.Semantic;

/// <summary>A semantic or hybrid search was asked of a shelf that has no embedding model in use.</summary>
public sealed class SemanticSearchUnavailableException() : Exception(
    "Semantic and hybrid search need an embedding model, and this shelf searches by words only: choose the built-in " +
    "model or an imported one with `docshelf models use NAME` (`docshelf models list` shows them; `docshelf models " +
    "import FOLDER` brings one in). Lexical search works without one.");
