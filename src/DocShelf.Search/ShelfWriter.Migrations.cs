using DocShelf.Core.Documents;
using DocShelf.Core.Text;
using DocShelf.Search.Lexical;
using DocShelf.Search.Store;

namespace DocShelf.Search;

public sealed partial class ShelfWriter
{
    /// <summary>Whether the store was written in an older layout than this DocShelf's, and <see cref="Migrate"/> has work.</summary>
    public bool NeedsMigration => database.Schema < ShelfDatabase.SchemaVersion;

    /// <summary>
    /// Brings a store written by an older DocShelf to this one's layout, one schema version at a time. Each step
    /// changes the index first and then the store, with the version it reaches, in one transaction: a kill before
    /// that transaction leaves the old version, and the step runs again. The caller makes a backup first.
    /// </summary>
    /// <returns>What each step did, in words.</returns>
    public IReadOnlyList<string> Migrate()
    {
        var done = new List<string>();
        lock (gate)
        {
            while (database.Schema < ShelfDatabase.SchemaVersion)
            {
                var from = database.Schema;
                done.Add($"store schema {from} to {from + 1}: {Step(from)}");
            }
        }

        return done;
    }

    private string Step(int from) => from switch
    {
        0 => DateTheUndated(),
        1 => TitleTheUntitled(),
        _ => throw new InvalidOperationException($"No migration is known from store schema {from}."),
    };

    /// <summary>Schema 1 records the date a document bears; shelves read before then get it from their first page.</summary>
    private string DateTheUndated()
    {
        var found = new List<DocumentRecord>();
        foreach (var document in database.Documents.Find(d => d.Dated == null && d.Status == DocumentStatus.Indexed).ToList())
        {
            if (database.Pages.FindById(ShelfStore.PageId(document.Id, 1)) is { } first && DocumentDate.Find(first.Text) is { } date)
            {
                found.Add(document with { Dated = date });
            }
        }

        // The date filter reads the year from the index, so each dated document is indexed again with it.
        foreach (var document in found)
        {
            index.DeleteDocument(document.Id);
            index.Add(new DocumentFacets(document.Kind, document.AddedUtc, store.PageSourcesOf(document.Id), document.Dated), store.ChunksOf(document.Id));
        }

        index.Commit();
        database.InTransaction(() =>
        {
            found.ForEach(d => database.Documents.Update(d));
            database.Schema = 1;
        });
        return $"{found.Count} documents dated from their first page";
    }

    /// <summary>Schema 2 gives a document without a title in its metadata the heading its first page opens with.</summary>
    private string TitleTheUntitled()
    {
        var titled = new List<DocumentRecord>();
        foreach (var document in database.Documents.Find(d => d.Title == null && d.Status == DocumentStatus.Indexed).ToList())
        {
            if (database.Pages.FindById(ShelfStore.PageId(document.Id, 1)) is { } first && TitleGuess.FromFirstLines(first.Text) is { } title)
            {
                titled.Add(document with { Title = title });
            }
        }

        database.InTransaction(() =>
        {
            titled.ForEach(d => database.Documents.Update(d));
            database.Schema = 2;
        });
        return $"{titled.Count} documents titled from their first lines";
    }
}
