namespace DocShelf.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class IngestedShelfGroup : ICollectionFixture<IngestedShelf>
{
    public const string Name = "ingested shelf";
}
