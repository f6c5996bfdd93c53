using Lucene.Net.Index;
using Lucene.Net.Search;
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
                patterns.Add(new CharacterRunAutomaton(WildcardQuery.ToAutomaton(wildcard.Term)));
                break;
            case FuzzyQuery fuzzy when IsText(fuzzy.Term):
                patterns.Add(new CharacterRunAutomaton(FuzzyAutomaton(fuzzy)));
                break;
            case MultiTermQuery:
                break; // ranges and the like: nothing worth marking
            default:
                AddFixedTerms(query);
                break;
        }
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
