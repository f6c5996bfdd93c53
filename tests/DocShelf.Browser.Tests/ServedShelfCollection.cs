namespace DocShelf.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class ServedShelfCollection : ICollectionFixture<ServedShelf>
{
    public const string Name = "served shelf";
}
