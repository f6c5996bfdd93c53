using DocShelf.Answering.Answers;
using DocShelf.Core.Search;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Access;

/// <summary>
/// What the reading commands ask of a shelf, answered either by the shelf opened here or, while another process
/// holds it, by that process through its socket. Both give the same answers in the same shapes.
/// </summary>
public interface IShelfAccess : IDisposable
{
    /// <param name="mode">Null for the best the shelf offers: hybrid with an embedding model, else lexical.</param>
    Task<SearchResult> SearchAsync(string query, int top, SearchMode? mode, CancellationToken cancellationToken);

    /// <param name="draft">Receives a generative model's text as it is written, when the answer is made here.</param>
    Task<Answer> AskAsync(string question, Action<string>? draft, CancellationToken cancellationToken);

    Task<IReadOnlyList<DocumentSummary>> DocumentsAsync(CancellationToken cancellationToken);

    /// <summary>A document's pages, in order.</summary>
    Task<IReadOnlyList<PageView>> PagesAsync(DocumentSummary document, CancellationToken cancellationToken);
}
