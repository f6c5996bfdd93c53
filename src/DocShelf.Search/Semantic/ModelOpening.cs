namespace DocShelf.Search.Semantic;

/// <summary>When a shelf's embedding model is loaded.</summary>
public enum ModelOpening
{
    /// <summary>By the first thing that embeds: a command that searches by words alone never loads it.</summary>
    WhenFirstUsed,

    /// <summary>
    /// At once, beside the shelf's opening, for a command whose query will need meaning: the model loads on one core
    /// while the store and the lexical index open on the other.
    /// </summary>
    AtOnce,
}
