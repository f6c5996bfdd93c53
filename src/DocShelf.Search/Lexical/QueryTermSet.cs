using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace DocShelf.Search.Lexical;

/// <summary>
/// What a query looks for in the text field, as a text's analysed words are checked against it: the fixed terms of
/// words and phrases, and the patterns of prefix ("lamp*"), wildcard ("l?mp") and fuzzy ("breakwatr~") terms, which
/// name no fixed term. Snippet marks and page outlines then show every word the index matched, however it matched.
/// Words the query excludes (NOT) are left out.
/// </summary>
public sealed class QueryTermSet
{
    private readonly HashSet<string> exact = new(StringComparer.Ordinal);
    private readonly List<string> prefixes = [];
    private readonly List<CharacterRunAutomaton> patterns = [];
    private readonly List<CompiledAutomaton> compiledPatterns = [];

    private QueryTermSet()
    {
    }

    public static QueryTermSet Empty { get; } = new();

    /// <summary>The fixed terms alone: what answering weighs sentences by.</summary>
    public IReadOnlySet<string> Exact => exact;

    public bool IsEmpty => exact.Count == 0 && prefixes.Count == 0 && patterns.Count == 0;

    public static QueryTermSet Of(Query query)
    {
        var set = new QueryTermSet();
        set.Collect(query);
        return set;
    }

    public static QueryTermSet Of(IEnumerable<string> terms)
    {
        var set = new QueryTermSet();
        set.exact.UnionWith(terms);
        return set;
    }

    /// <summary>The terms of an index segment's text field the query matches, each once.</summary>
    public IEnumerable<BytesRef> TermsIn(Terms text)
    {
        var found = new HashSet<BytesRef>();
        var terms = text.GetEnumerator();
        foreach (var term in exact.Select(t => new BytesRef(t)).Where(terms.SeekExact))
        {
            found.Add(term);
        }

        foreach (var prefix in prefixes.Select(p => new BytesRef(p)))
        {
            if (terms.SeekCeil(prefix) == TermsEnum.SeekStatus.END)
            {
                continue;
            }

            do
            {
                if (!StringHelper.StartsWith(terms.Term, prefix))
                {
                    break;
                }

                found.Add(BytesRef.DeepCopyOf(terms.Term));
            }
            while (terms.MoveNext());
        }

        foreach (var pattern in compiledPatterns)
        {
            var matching = text.Intersect(pattern, null);
            while (matching.MoveNext())
            {
                found.Add(BytesRef.DeepCopyOf(matching.Term));
            }
        }

        return found;
    }

    /// <summary>Whether the analysed word <paramref name="term"/> is one the query matches.</summary>
    public bool Matches(string term) =>
        exact.Contains(term) || prefixes.Any(p => term.StartsWith(p, StringComparison.Ordinal)) || patterns.Any(p => p.Run(term));

    private void Collect(Query query)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses.Where(c => c.Occur != Occur.MUST_NOT))
                {
                    Collect(clause.Query);
                }

                break;
            case PrefixQuery prefix when IsText(prefix.Prefix):
                prefixes.Add(prefix.Prefix.Text);
                break;
            case WildcardQuery wildcard when IsText(wildcard.Term):
                AddPattern(WildcardQuery.ToAutomaton(wildcard.Term));
                break;
            case FuzzyQuery fuzzy when IsText(fuzzy.Term):
                AddPattern(FuzzyAutomaton(fuzzy));
                break;
            case MultiTermQuery:
                break; // ranges and the like: nothing worth marking
            default:
                AddFixedTerms(query);
                break;
        }
    }

    private void AddPattern(Automaton automaton)
    {
        patterns.Add(new CharacterRunAutomaton(automaton));
        compiledPatterns.Add(new CompiledAutomaton(automaton));
    }

    private void AddFixedTerms(Query query)
    {
        var terms = new HashSet<Term>();
        query.ExtractTerms(terms);
        exact.UnionWith(terms.Where(IsText).Select(t => t.Text));
    }

    /// <summary>As Lucene's fuzzy matching reads it: the term's first PrefixLength characters as they are, the rest within MaxEdits edits.</summary>
    private static Automaton FuzzyAutomaton(FuzzyQuery fuzzy)
    {
        var text = fuzzy.Term.Text;
        var kept = Math.Min(fuzzy.PrefixLength, text.Length);
        var rest = new LevenshteinAutomata(text[kept..], fuzzy.Transpositions).ToAutomaton(fuzzy.MaxEdits);
        return kept == 0 ? rest : BasicOperations.Concatenate(BasicAutomata.MakeString(text[..kept]), rest);
    }

    private static bool IsText(Term term) => term.Field == LexicalFields.Text;
}
