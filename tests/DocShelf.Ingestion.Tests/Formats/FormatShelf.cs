using DocShelf.Core.Documents;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Office;
using DocShelf.Ingestion.Running;

namespace DocShelf.Ingestion.Tests.Formats;

/// <summary>
/// A file of every office, web, markup and text format, written once and read onto one real shelf (LibreOffice,
/// poppler, LiteDB and Lucene all real), for the format tests to compare with the reference readers.
/// </summary>
public sealed class FormatShelf : IAsyncLifetime
{
    private readonly TempFolder scratch = new();

    public IngestionHarness Shelf { get; } = new();

    public IReadOnlyList<FormatSample> Samples { get; private set; } = [];

    public IngestionSummary Summary { get; private set; } = null!;

    /// <summary>A LibreOffice profile for the reference conversions, apart from the shelf's own.</summary>
    public string ReferenceProfile => scratch.Folder("reference-profile");

    public string Scratch(string name) => scratch.Folder(name);

    public async Task InitializeAsync()
    {
        Samples = await FormatSamples.WriteAsync(Shelf.Inbox, scratch.Folder("fixture-profile"));
        Summary = await Shelf.IngestAsync(Shelf.Inbox);
    }

    public FormatSample Sample(FileKind kind, string suffix = "") => Samples.First(s => s.Kind == kind && s.Path.EndsWith(suffix, StringComparison.Ordinal));

    public DocumentRecord Record(FormatSample sample)
    {
        var outcome = Summary.Files.Single(f => f.Path == sample.Path);
        Assert.True(outcome.Status == FileStatus.Indexed, $"{sample.Path}: {outcome.Status} {outcome.Reason}");
        return Shelf.Shelf.Store.FindDocument(outcome.DocumentId)!;
    }

    public IReadOnlyList<PageContent> Pages(FormatSample sample) => Shelf.Shelf.Store.PagesOf(Record(sample).Id);

    public string Text(FormatSample sample) => string.Join("\n\n", Pages(sample).Select(p => p.Text));

    public Task DisposeAsync()
    {
        Shelf.Dispose();
        scratch.Dispose();
        return Task.CompletedTask;
    }
}
