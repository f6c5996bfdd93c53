using DocShelf.Core.Documents;
using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// A page as the store keeps it: every member as LiteDB maps it, but its words packed against its text
/// (<see cref="PackedWords"/>), which a member's own mapping cannot do, since it sees only that member.
/// </summary>
internal static class PageRecords
{
    private const string WordsField = nameof(PageContent.Words);

    /// <param name="members">A mapper that maps every member but the words, which it leaves out.</param>
    public static BsonDocument ToDocument(PageContent page, BsonMapper members)
    {
        var document = members.ToDocument(page);
        document[WordsField] = PackedWords.Pack(page.Words, page.Text);
        return document;
    }

    public static PageContent FromDocument(BsonDocument document, BsonMapper members)
    {
        var page = members.ToObject<PageContent>(document);
        return document.TryGetValue(WordsField, out var words) && !words.IsNull
            ? page with { Words = PackedWords.Unpack(words, members, page.Text) }
            : page;
    }
}
