namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// Reads a noun phrase from a clause's tokens. It ends at a preposition ("of" only after a holder: "a list of payments"),
/// a relative word ("whose", "that"), a new verb or a mark; a time possessive is dropped ("the day's payments"), another
/// becomes an attribute ("each plan's price" → "plan price"), and a pronoun stands for <paramref name="previous"/>.
/// </summary>
internal static class PhraseReader
{
    private const int MaxWords = 6;

    /// <param name="kind">What "ones" stands for: the first thing the requirement acts on ("the risky ones" → "risky orders").</param>
    public static (NounPhrase Phrase, int End, bool Pronoun) Read(IReadOnlyList<string> tokens, int start, NounPhrase previous, bool capitalisedSystems, NounPhrase? kind = null)
    {
        kind ??= previous;
        var i = start;
        var plural = false;
        while (i < tokens.Count && WordClasses.Determiners.Contains(Lower(tokens, i)))
        {
            if (EndsHere(tokens, i + 1) && WordClasses.Pronouns.Contains(Lower(tokens, i)))
            {
                return (Standing(Antecedent(previous, kind, Lower(tokens, i)), Lower(tokens, i)), i + 1, true);
            }

            plural |= WordClasses.Distributive.Contains(Lower(tokens, i));
            i++;
        }

        if (i < tokens.Count && WordClasses.Pronouns.Contains(Lower(tokens, i)) && !WordClasses.Ones.Contains(Lower(tokens, i))
            && (EndsHere(tokens, i + 1) || !WordClasses.Determiners.Contains(Lower(tokens, i))))
        {
            return (Standing(Antecedent(previous, kind, Lower(tokens, i)), Lower(tokens, i)), i + 1, true);
        }

        var words = new List<string>();
        var systems = new List<string>();
        var isList = false;
        while (i < tokens.Count && words.Count(word => word is not ("," or "and" or "or")) < MaxWords)
        {
            var token = tokens[i];
            var lower = token.ToLowerInvariant();
            if ((token == "," || lower is "and" or "or" or "&") && words.Count > 0 && ContinuesList(tokens, i + 1))
            {
                words.Add(token == "," ? "," : lower);
                isList = true;
                i = SkipDeterminers(tokens, i + 1);
                continue;
            }

            if (lower == "of" && words.Count > 0 && WordClasses.Holders.Contains(words[^1].ToLowerInvariant()))
            {
                words.Add("of");
                i = SkipDeterminers(tokens, i + 1);
                continue;
            }

            if (RequirementText.IsMark(token) || lower is "and" or "or" or "&" || WordClasses.PhraseEnders.Contains(lower) || WordClasses.Wh.Contains(lower) || WordClasses.Prepositions.Contains(lower) || WordClasses.RelativeWords.Contains(lower)
                || WordClasses.Subordinators.Contains(lower) || (words.Count > 0 && ClauseSplitter.IsBareVerbHere(tokens, i)))
            {
                break;
            }

            if (words.Count > 0 && (lower is "a" or "an" or "the" || IsParticiple(lower)))
            {
                break;
            }

            if (WordClasses.Ones.Contains(lower) && !kind.IsEmpty)
            {
                var head = lower == "ones" ? Inflection.Plural(kind.Words[^1]) : Inflection.Singular(kind.Words[^1]);
                var described = words.Count > 0 ? words : [.. kind.Words.SkipLast(1).SkipWhile(word => WordClasses.Qualifiers.Contains(word.ToLowerInvariant()))];
                return (new NounPhrase([.. described, head], false, false, kind.Systems), i + 1, false);
            }

            var (system, length) = KnownSystems.At(tokens, i, capitalisedSystems);
            if (length > 0)
            {
                systems.Add(system);
                words.AddRange(system.Split(' '));
                i += length;
                continue;
            }

            if (Possessive(token) is { } owner)
            {
                if (WordClasses.TimeWords.Contains(owner.ToLowerInvariant()))
                {
                    words.RemoveAll(word => WordClasses.TimeWords.Contains(word.ToLowerInvariant()));
                }
                else
                {
                    words.Add(char.IsUpper(owner[0]) ? token : Inflection.Singular(owner));
                }

                i++;
                continue;
            }

            words.Add(token);
            i++;
        }

        return (new NounPhrase(words, plural && !isList, isList, systems), i, false);
    }

    private static readonly HashSet<string> PluralPronouns = ["them", "they", "ones", "those", "these", "all", "both"];

    /// <summary>"Archive everything" after a chain of jobs means what the chain started from, not the last thing it made.</summary>
    private static NounPhrase Antecedent(NounPhrase previous, NounPhrase kind, string pronoun) =>
        pronoun is "everything" or "all" && !kind.IsEmpty ? kind : previous;

    private static NounPhrase Standing(NounPhrase previous, string pronoun) =>
        previous with { Plural = PluralPronouns.Contains(pronoun) && !previous.IsList && !previous.IsEmpty && !Inflection.IsUncountable(previous.Words[^1]) };

    /// <summary>The phrase as written, or as read when it held "ones" ("the risky ones" → "the risky orders").</summary>
    public static string Said(IReadOnlyList<string> tokens, int start, int end, NounPhrase phrase)
    {
        var written = tokens.Skip(start).Take(end - start).ToList();
        return Sentence.Join(Sentence.Ours(written.Any(token => WordClasses.Ones.Contains(token.ToLowerInvariant()))
            ? [.. written.TakeWhile(token => WordClasses.Determiners.Contains(token.ToLowerInvariant())), .. phrase.Words] : written));
    }

    /// <summary>The owner a possessive names ("plan's" → "plan", "competitors'" → "competitors"), or null.</summary>
    public static string? Possessive(string token) =>
        token.EndsWith("'s", StringComparison.Ordinal) || token.EndsWith("’s", StringComparison.Ordinal) ? token[..^2]
        : token.Length > 2 && (token.EndsWith("s'", StringComparison.Ordinal) || token.EndsWith("s’", StringComparison.Ordinal)) ? token[..^1]
        : null;

    private static bool ContinuesList(IReadOnlyList<string> tokens, int next)
    {
        var at = SkipDeterminers(tokens, next);
        return at < tokens.Count && !RequirementText.IsMark(tokens[at]) && !WordClasses.Prepositions.Contains(Lower(tokens, at))
            && !WordClasses.RelativeWords.Contains(Lower(tokens, at)) && !ClauseSplitter.IsBareVerbHere(tokens, next) && Lower(tokens, at) is not ("then" or "and");
    }

    private static bool EndsHere(IReadOnlyList<string> tokens, int at) =>
        at >= tokens.Count || RequirementText.IsMark(tokens[at]) || WordClasses.Prepositions.Contains(Lower(tokens, at))
        || WordClasses.RelativeWords.Contains(Lower(tokens, at)) || Lower(tokens, at) is "and" or "or" or "up" || ClauseSplitter.IsBareVerbHere(tokens, at);

    private static bool IsParticiple(string word) =>
        WordClasses.IrregularParticiples.Contains(word) || word.Length > 5 && word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal);

    private static int SkipDeterminers(IReadOnlyList<string> tokens, int at)
    {
        while (at < tokens.Count && WordClasses.Determiners.Contains(Lower(tokens, at)) && !EndsHere(tokens, at + 1))
        {
            at++;
        }

        return at;
    }

    private static string Lower(IReadOnlyList<string> tokens, int at) => tokens[at].ToLowerInvariant();
}
