namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// Splits a requirement's tokens into clauses: at sentence ends, semicolons, colons and line breaks, and at a comma,
/// "and" or "then" when a new verb follows one that already has its verb ("…, match every payout …, and email …").
/// </summary>
internal static class ClauseSplitter
{
    private static readonly HashSet<string> Joiners = ["and", "then", "or", "also", "finally", "next"];

    public static IEnumerable<List<string>> Split(IReadOnlyList<string> tokens)
    {
        var clause = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var lower = token.ToLowerInvariant();
            if (RequirementText.EndsClause(token) || ((token == "," || Joiners.Contains(lower)) && StartsNewJob(clause, tokens, i + 1)))
            {
                if (clause.Count > 0)
                {
                    yield return clause;
                }

                clause = [];
                continue;
            }

            if (!(clause.Count == 0 && (token == "," || Joiners.Contains(lower))))
            {
                clause.Add(token);
            }
        }

        if (clause.Count > 0)
        {
            yield return clause;
        }
    }

    private static bool StartsNewJob(List<string> clause, IReadOnlyList<string> tokens, int next)
    {
        while (next < tokens.Count && (Joiners.Contains(tokens[next].ToLowerInvariant()) || tokens[next] == ","))
        {
            next++;
        }

        if (next >= tokens.Count || clause.Count == 0 || !IsVerbHere(tokens, next))
        {
            return false;
        }

        var opensWithCondition = WordClasses.Subordinators.Contains(clause[0].ToLowerInvariant());
        var verb = Enumerable.Range(0, clause.Count).FirstOrDefault(at => IsVerbHere(clause, at), -1);
        return opensWithCondition || verb >= 0 && IsBare(clause[verb]) == IsBare(tokens[next]);
    }

    /// <summary>A verb's bare form ("draft") rather than its -s form ("drafts"); after "and", a form unlike the clause's own verb is a noun ("extract … and totals").</summary>
    private static bool IsBare(string verb) => !verb.EndsWith('s') || VerbLexicon.Find(verb.ToLowerInvariant()) is not null;

    /// <summary>A verb in its bare form where a clause may start: inside a noun phrase, "totals" after "and" is a noun.</summary>
    public static bool IsBareVerbHere(IReadOnlyList<string> tokens, int at) =>
        IsVerbHere(tokens, at) && (VerbLexicon.Find(tokens[at].ToLowerInvariant()) is not null || VerbLexicon.Particles.ContainsKey(tokens[at].ToLowerInvariant()));

    /// <summary>A verb where a clause may start: a known verb not just after a determiner, number or preposition.</summary>
    public static bool IsVerbHere(IReadOnlyList<string> tokens, int at)
    {
        var lower = tokens[at].ToLowerInvariant();
        if (VerbLexicon.Sense(lower) is null && !VerbLexicon.Particles.ContainsKey(lower))
        {
            return false;
        }

        if (at == 0)
        {
            return true;
        }

        var before = tokens[at - 1].ToLowerInvariant();
        if (WordClasses.RelativeWords.Contains(before) || RequirementText.IsMark(before))
        {
            return true;
        }

        return !WordClasses.Determiners.Contains(before) && !WordClasses.Prepositions.Contains(before) && !char.IsDigit(before[0])
            && !WordClasses.Qualifiers.Contains(before) && !before.EndsWith("'s", StringComparison.Ordinal) && !before.EndsWith('\'')
            && (RequirementText.IsMark(before) || Joiners.Contains(before) || WordClasses.Modals.Contains(before) || WordClasses.SubjectWords.Contains(before)
                || WordClasses.RelativeWords.Contains(before) || before.EndsWith("ly", StringComparison.Ordinal));
    }
}
