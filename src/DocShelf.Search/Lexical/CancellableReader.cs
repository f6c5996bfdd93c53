using Lucene.Net.Index;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace DocShelf.Search.Lexical;

/// <summary>
/// The index as one search sees it, stopping the moment its token is cancelled: every step through the words of the
/// index checks the token, so a pattern's expansion and a fuzzy word's candidates stop with the search's time limit,
/// its client leaving or the service stopping, as matching already does (<see cref="CancellableCollector"/>).
/// Everything else passes straight to the index.
/// </summary>
/// <remarks>A view over a searcher's reader, never closed itself: closing it would close the reader under the searcher.</remarks>
internal sealed class CancellableReader : FilterDirectoryReader
{
    private readonly CancellationToken cancellationToken;

    public CancellableReader(DirectoryReader reader, CancellationToken cancellationToken)
        : base(reader, new Segments(cancellationToken)) => this.cancellationToken = cancellationToken;

    protected override DirectoryReader DoWrapDirectoryReader(DirectoryReader input) => new CancellableReader(input, cancellationToken);

    private sealed class Segments(CancellationToken cancellationToken) : SubReaderWrapper
    {
        public override AtomicReader Wrap(AtomicReader reader) => new Segment(reader, cancellationToken);
    }

    private sealed class Segment(AtomicReader reader, CancellationToken cancellationToken) : FilterAtomicReader(reader)
    {
        // Lucene gives null for a segment without postings or a field without words, though its types say otherwise.
        public override Fields Fields => m_input.Fields is { } fields ? new SegmentFields(fields, cancellationToken) : null!;
    }

    private sealed class SegmentFields(Fields fields, CancellationToken cancellationToken) : FilterAtomicReader.FilterFields(fields)
    {
        public override Terms GetTerms(string field) => m_input.GetTerms(field) is { } terms ? new FieldTerms(terms, cancellationToken) : null!;
    }

    private sealed class FieldTerms(Terms terms, CancellationToken cancellationToken) : FilterAtomicReader.FilterTerms(terms)
    {
        public override TermsEnum GetEnumerator() => new Words(m_input.GetEnumerator(), cancellationToken);

        public override TermsEnum GetEnumerator(TermsEnum reuse) => GetEnumerator();

        public override TermsEnum Intersect(CompiledAutomaton compiled, BytesRef startTerm) =>
            new Words(m_input.Intersect(compiled, startTerm), cancellationToken);
    }

    /// <summary>The words of one field, checking the token at each step; seeking one word goes straight to the index.</summary>
    private sealed class Words(TermsEnum words, CancellationToken cancellationToken) : FilterAtomicReader.FilterTermsEnum(words)
    {
        public override bool MoveNext()
        {
            cancellationToken.ThrowIfCancellationRequested();
            return m_input.MoveNext();
        }

        public override SeekStatus SeekCeil(BytesRef text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return m_input.SeekCeil(text);
        }

        public override bool SeekExact(BytesRef text) => m_input.SeekExact(text);

        public override void SeekExact(BytesRef term, TermState state) => m_input.SeekExact(term, state);

        public override TermState GetTermState() => m_input.GetTermState();
    }
}
