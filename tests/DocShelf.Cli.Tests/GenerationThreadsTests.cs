using DocShelf.Cli.Generation;
using DocShelf.Ingestion.Watching;

namespace DocShelf.Cli.Tests;

public sealed class GenerationThreadsTests
{
    [Fact]
    public void A_local_model_answers_on_every_core_while_nothing_is_read_and_leaves_ocr_its_cores_while_files_are()
    {
        var board = new ServiceBoard();
        var threads = GenerationThreads.BesideReading(board, ocrPagesAtOnce: Environment.ProcessorCount - 1);

        var beforeAnyStatus = threads();
        board.Post(new ServiceStatus { InProgress = [new FileInProgress("/inbox/ledger.pdf", 3, 40, DateTime.UtcNow)] });
        var whileReading = threads();
        board.Post(new ServiceStatus());
        var idle = threads();

        Assert.Equal((Environment.ProcessorCount, 1, Environment.ProcessorCount), (beforeAnyStatus, whileReading, idle));
    }

    [Fact]
    public void An_answer_keeps_one_thread_however_many_pages_ocr_reads_at_once()
    {
        var board = new ServiceBoard();
        board.Post(new ServiceStatus { InProgress = [new FileInProgress("/inbox/ledger.pdf", 3, 40, DateTime.UtcNow)] });

        Assert.Equal(1, GenerationThreads.BesideReading(board, ocrPagesAtOnce: 64)());
    }
}
