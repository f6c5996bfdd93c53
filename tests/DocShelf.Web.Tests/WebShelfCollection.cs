namespace DocShelf.Web.Tests;

/// <summary>The API test classes share one ingested shelf.</summary>
[CollectionDefinition(Name)]
public sealed class WebShelfCollection : ICollectionFixture<WebShelf>
{
    public const string Name = "web shelf";
}
