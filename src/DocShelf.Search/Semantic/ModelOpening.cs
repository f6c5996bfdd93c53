namespace DocShelf.Search.Semantic;

/// <summary>When a shelf's embedding model is loaded.</summary>
public enum ModelOpening
{
    /// <summary>By the first thing that embeds: a command that searches by words alone never loads it.</summary>
    WhenFirstUsed,

    /// <summary>
    /// At once, beside the shelf's opening, for a command that will embed (a query by meaning, files to read): the
    /// model loads on one core while the store and the lexical index open, and the first files are read, on the other.
    /// </summary>
    AtOnce,
}
