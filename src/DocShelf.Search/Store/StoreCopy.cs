using LiteDB;

namespace DocShelf.Search.Store;

/// <summary>
/// Writes a LiteDB store afresh into a new file, record by record, with its indexes and settings: the file that
/// results holds no room left by deleted or rewritten records. LiteDB's own <c>Rebuild</c> would do this, but from
/// 5.0.19 it fails on any collection of more than 2,550 records with a secondary index (it takes the walk of the new
/// file's index for a loop, litedb-org/LiteDB#2827) and leaves its engine closed. Here each index is made while its
/// collection is still empty, and the records then go in as they do when a shelf grows, so no index is walked whole.
/// </summary>
public static class StoreCopy
{
    private const int Batch = 1000;

    /// <summary>Copies every collection of <paramref name="source"/> into a new store at <paramref name="target"/>.</summary>
    /// <param name="copied">Told the running count of records copied, after each batch.</param>
    public static void Write(LiteDatabase source, string target, Action<long> copied)
    {
        using var fresh = new LiteDatabase(new ConnectionString
        {
            Filename = target,
            Connection = ConnectionType.Direct,
            Collation = source.Collation, // fixed when a file is made; string indexes sort by it
        });
        fresh.UserVersion = source.UserVersion;
        fresh.UtcDate = source.UtcDate;
        fresh.CheckpointSize = source.CheckpointSize;
        fresh.LimitSize = source.LimitSize;
        fresh.Timeout = source.Timeout;

        long count = 0;
        foreach (var name in source.GetCollectionNames().Order(StringComparer.Ordinal))
        {
            var into = fresh.GetCollection(name);
            foreach (var index in IndexesOf(source, name))
            {
                into.EnsureIndex(index["name"].AsString, BsonExpression.Create(index["expression"].AsString), index["unique"].AsBoolean);
            }

            foreach (var records in source.GetCollection(name).FindAll().Chunk(Batch))
            {
                into.InsertBulk(records, Batch);
                count += records.Length;
                copied(count);
            }
        }

        fresh.Checkpoint();
    }

    /// <summary>The secondary indexes of collection <paramref name="name"/>, as LiteDB lists them.</summary>
    private static List<BsonDocument> IndexesOf(LiteDatabase source, string name)
    {
        using var reader = source.Execute("SELECT $ FROM $indexes WHERE collection = @0", new BsonValue(name));
        var indexes = new List<BsonDocument>();
        while (reader.Read())
        {
            if (reader.Current.AsDocument["name"].AsString != "_id")
            {
                indexes.Add(reader.Current.AsDocument);
            }
        }

        return indexes;
    }
}
