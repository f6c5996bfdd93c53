namespace DocShelf.Search.Lexical;

/// <summary>Field names in the Lucene index.</summary>
internal static class LexicalFields
{
    public const string ChunkId = "chunk";
    public const string DocumentId = "doc";
    public const string Page = "page";
    public const string Start = "start";
    public const string Text = "text";
    public const string Kind = "kind";
    public const string Source = "source";
    public const string Added = "added";
    public const string DatedYear = "dated";
}
