using DocShelf.Search.Lexical;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DocShelf.Search.Tests;

public sealed class SegmentScoringTests
{
    private static readonly string[] Words = ["harbour", "survey", "tide", "ledger", "mill", "bridge", "parish", "ferry", "lamp", "chapel"];

    [Theory]
    [InlineData("harbour", 10)]
    [InlineData("harbour survey", 10)]
    [InlineData("+tide ledger", 25)]
    [InlineData("\"ferry lamp\"", 10)]
    [InlineData("mill -bridge", 40)]
    public void Segments_scored_on_every_core_rank_as_lucene_ranks_them_on_one(string text, int top)
    {
        using var directory = new RAMDirectory();
        var analyzer = new StandardAnalyzer(LuceneVersion.LUCENE_48);
        WriteSegments(directory, analyzer);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() };
        var query = new Lucene.Net.QueryParsers.Classic.QueryParser(LuceneVersion.LUCENE_48, "text", analyzer).Parse(text);

        var expected = searcher.Search(query, top).ScoreDocs.Select(hit => (hit.Doc, hit.Score)).ToList();
        var found = SegmentScoring.Best(searcher, query, top, CancellationToken.None, scoredTogetherBelow: 0).Select(hit => (hit.Doc, hit.Score)).ToList();

        Assert.True(reader.Leaves.Count >= 4, $"{reader.Leaves.Count} segments");
        Assert.Equal(top, expected.Count);
        Assert.Equal(expected, found);
    }

    [Fact]
    public void A_cancelled_search_stops_with_the_cancellation_not_a_wrapped_error()
    {
        using var directory = new RAMDirectory();
        var analyzer = new StandardAnalyzer(LuceneVersion.LUCENE_48);
        WriteSegments(directory, analyzer);
        using var reader = DirectoryReader.Open(directory);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SegmentScoring.Best(new IndexSearcher(reader), new TermQuery(new Term("text", "harbour")), 10, cancelled.Token, scoredTogetherBelow: 0));
    }

    /// <summary>Five segments of chunks with words drawn at random, many with equal scores, and some deleted.</summary>
    private static void WriteSegments(Lucene.Net.Store.Directory directory, StandardAnalyzer analyzer)
    {
        var random = new Random(31);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { MergePolicy = NoMergePolicy.NO_COMPOUND_FILES });
        for (var segment = 0; segment < 5; segment++)
        {
            for (var chunk = 0; chunk < 400 + (segment * 150); chunk++)
            {
                var text = string.Join(' ', Enumerable.Range(0, random.Next(2, 9)).Select(_ => Words[random.Next(Words.Length)]));
                writer.AddDocument([new StringField("id", $"{segment}/{chunk}", Field.Store.YES), new TextField("text", text, Field.Store.NO)]);
            }

            writer.Commit();
        }

        writer.DeleteDocuments(new Term("id", "2/7"), new Term("id", "4/30"));
        writer.Commit();
    }
}
