namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// The thing a clause acts on: its words as a sentence says them ("totals and due dates"), and the words a name is
/// made from (singular, without determiners, numbers or time possessives: "due date").
/// </summary>
internal sealed record NounPhrase(IReadOnlyList<string> Words, bool Plural, bool IsList, IReadOnlyList<string> Systems)
{
    public static NounPhrase Empty { get; } = new([], false, false, []);

    public bool IsEmpty => Words.Count == 0;

    /// <summary>As a sentence names it, with "the": "the Stripe payments", "the totals and due dates".</summary>
    public string Definite => IsEmpty ? "" : $"the {Text}";

    public string Text => Sentence.Join(Plural ? Pluralised() : Words);

    /// <summary>Singular, one of them: "each vendor invoice".</summary>
    public string SingularText => Sentence.Join(IsList ? Words : [.. Words.SkipLast(1), Inflection.Singular(Words[^1])]);

    /// <summary>The words of a name: no qualifier first ("new", "incoming"), singular head, at most <paramref name="max"/> words from the end.</summary>
    public IReadOnlyList<string> NameWords(int max)
    {
        var words = IsList ? [.. Words.TakeWhile(word => word is not ("and" or "or" or ","))] : Words.ToList();
        if (words.IndexOf("of") is var of and > 0 && of < words.Count - 1)
        {
            words = [.. words.Skip(of + 1).SkipLast(1), Inflection.Singular(words[^1]), .. words.Take(of)];
        }

        words = [.. words.SkipWhile(word => WordClasses.Qualifiers.Contains(word.ToLowerInvariant()) || WordClasses.NumberWords.Contains(word.ToLowerInvariant()) || !char.IsLetter(word[0]))];
        words = [.. words.Where(word => char.IsLetter(word[0]) || word[0] == '#').Select(word => word.TrimStart('#'))];
        if (words.Count == 0)
        {
            return [];
        }

        words[^1] = Inflection.Singular(words[^1]);
        return words.Count > max ? words[^max..] : words;
    }

    private List<string> Pluralised()
    {
        var words = Words.ToList();
        if (!IsList && words.Count > 0 && char.IsLetter(words[^1][0]))
        {
            words[^1] = Inflection.Plural(words[^1]);
        }

        return words;
    }
}
