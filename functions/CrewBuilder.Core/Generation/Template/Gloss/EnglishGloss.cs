namespace CrewBuilder.Core.Generation.Template.Gloss;

/// <summary>
/// A requirement written in French or Spanish, said in English word by word, with the reorderings those languages need
/// to read as English: an adjective after its noun goes before it ("l'équipe commerciale": "the sales team"), a noun
/// of a noun becomes a compound ("résumés de réunions": "meeting summaries"), and an object pronoun follows its verb
/// ("les classer", "publicarlas": "classify them"). Words it does not know (names, systems) stay as written, so the
/// reader still finds them. A requirement in English, or in a language it does not know, is returned as it is.
/// </summary>
internal static class EnglishGloss
{
    private const int MinMarkers = 2;

    /// <summary>Nouns that stay plural before another noun ("sales team", not "sale team").</summary>
    private static readonly HashSet<string> PluralModifiers = ["sales", "news", "data", "logistics", "operations", "accounts", "reviews", "prices"];

    private readonly record struct Item(string Text, GlossKind Kind);

    public static string Of(string requirement)
    {
        var tokens = RequirementText.Tokens(requirement).SelectMany(GlossLexicon.SplitElision).ToList();
        if (LanguageOf(tokens) is not { } lexicon)
        {
            return requirement;
        }

        var english = string.Join(' ', Reorder(Gloss(tokens, lexicon)).Select(item => item.Text).Where(text => text.Length > 0));
        return tokens.Count > 0 && char.IsUpper(tokens[0][0]) ? Sentence.Capitalise(english) : english;
    }

    private static GlossLexicon? LanguageOf(IReadOnlyList<string> tokens)
    {
        var keys = tokens.Select(GlossLexicon.Key).ToList();
        var english = keys.Count(GlossLexicons.EnglishMarkers.Contains);
        var (lexicon, count) = GlossLexicons.All.Select(lexicon => (lexicon, count: keys.Count(lexicon.Markers.Contains))).MaxBy(pair => pair.count);
        return count >= MinMarkers && count > english ? lexicon : null;
    }

    private static List<Item> Gloss(List<string> tokens, GlossLexicon lexicon)
    {
        var items = new List<Item>();
        string? pronoun = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var (entry, length, enclitic) = Look(tokens, i, lexicon);
            if (entry?.Kind == GlossKind.Verb && length == 1 && AfterDeterminer(tokens, i, lexicon) && lexicon.FindNoun(tokens[i]) is { } noun)
            {
                (entry, enclitic) = (noun, null);
            }

            i += length - 1;
            if (entry is not { } found)
            {
                items.Add(new Item(tokens[i], GlossKind.Word));
                continue;
            }

            switch (found.Kind)
            {
                case GlossKind.Verb:
                    items.Add(new Item(found.English, GlossKind.Verb));
                    foreach (var said in new[] { pronoun, enclitic }.OfType<string>())
                    {
                        items.Add(new Item(said, GlossKind.ObjectPronoun));
                    }

                    pronoun = null;
                    break;
                case GlossKind.Article or GlossKind.ObjectPronoun when i + 1 < tokens.Count && Look(tokens, i + 1, lexicon).Entry?.Kind == GlossKind.Verb:
                    pronoun = GlossLexicon.Key(tokens[i]).EndsWith('s') ? "them" : "it";
                    break;
                case GlossKind.Partitive:
                    if (items.Count > 0 && items[^1].Kind == GlossKind.Noun)
                    {
                        items.Add(new Item(found.English, GlossKind.Of));
                    }

                    break;
                case GlossKind.Of when items.Count > 0 && items[^1].Kind == GlossKind.Verb:
                    break;
                case GlossKind.Language:
                    Language(items);
                    items.Add(new Item(found.English, GlossKind.Language));
                    break;
                default:
                    // "traduire en 日本語": after "translate", "en" is "into" whatever the language is called.
                    var translating = items.LastOrDefault(item => item.Kind == GlossKind.Verb).Text == "translate";
                    items.Add(new Item(found.English == "in" && translating ? "into" : found.English, found.Kind));
                    break;
            }
        }

        return items;
    }

    /// <summary>A word after "les", "des", "de" or "notre" is a noun, even when a verb is spelled the same.</summary>
    private static bool AfterDeterminer(List<string> tokens, int at, GlossLexicon lexicon) =>
        at > 0 && lexicon.Find(tokens[at - 1]) is { } before
        && (before.Kind is GlossKind.Article or GlossKind.Partitive or GlossKind.Of or GlossKind.Adjective || WordClasses.Determiners.Contains(before.English));

    /// <summary>"en anglais", "al inglés": "into English", "to English"; a language takes no article in English.</summary>
    private static void Language(List<Item> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var last = items[^1];
        items[^1] = last.Kind == GlossKind.Article ? last with { Text = "" }
            : last.Text.EndsWith(" the", StringComparison.Ordinal) ? last with { Text = last.Text[..^4] }
            : last.Text == "in" ? last with { Text = "into" }
            : last;
    }

    /// <summary>The entry at a token: the longest phrase starting there, the word itself, or a verb with its pronoun joined on.</summary>
    private static (GlossEntry? Entry, int Length, string? Enclitic) Look(List<string> tokens, int at, GlossLexicon lexicon)
    {
        var key = GlossLexicon.Key(tokens[at]);
        var phrase = lexicon.Phrases.GetValueOrDefault(key, [])
            .Where(candidate => at + candidate.Words.Length <= tokens.Count
                && candidate.Words.Select((word, offset) => word == GlossLexicon.Key(tokens[at + offset])).All(same => same))
            .OrderByDescending(candidate => candidate.Words.Length).FirstOrDefault();
        if (phrase.Words is not null)
        {
            return (phrase.Entry, phrase.Words.Length, null);
        }

        if (lexicon.Find(tokens[at]) is { } entry)
        {
            return (entry, 1, null);
        }

        foreach (var (suffix, english) in lexicon.Enclitics)
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal) && key.Length > suffix.Length && lexicon.Find(key[..^suffix.Length]) is { Kind: GlossKind.Verb } verb)
            {
                return (verb, 1, english);
            }
        }

        return (null, 1, null);
    }

    private static List<Item> Reorder(List<Item> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (items[i - 1].Kind == GlossKind.Noun && items[i].Kind is GlossKind.Adjective or GlossKind.NounModifier or GlossKind.Noun)
            {
                (items[i - 1], items[i]) = (Modifier(items[i]), items[i - 1]);
            }
        }

        // From the right, so that "articles du centre d'aide" makes "help centre" before "help centre articles".
        for (var i = items.Count - 1; i >= 1; i--)
        {
            if (items[i].Kind == GlossKind.Of && items[i - 1].Kind == GlossKind.Noun && Complement(items, i + 1) is var (start, end))
            {
                var head = items[i - 1];
                var complement = items[start..end];
                complement[^1] = Modifier(complement[^1]);
                if (complement is [.., { Kind: GlossKind.NounModifier } first, var second])
                {
                    // "centre d'aide" became "help centre"; before another noun it is one word, as in "help-centre articles".
                    complement = [.. complement[..^2], second with { Text = $"{first.Text}-{second.Text}" }];
                }

                items.RemoveRange(i - 1, end - (i - 1));
                items.InsertRange(i - 1, [.. complement, head]);
            }
        }

        return items;
    }

    /// <summary>After "of": an optional "the", then adjectives and nouns ending in a noun that no adjective or noun follows.</summary>
    private static (int Start, int End)? Complement(List<Item> items, int at)
    {
        var start = at < items.Count && items[at].Kind == GlossKind.Article ? at + 1 : at;
        var end = start;
        while (end < items.Count && items[end].Kind is GlossKind.Adjective or GlossKind.NounModifier or GlossKind.Noun)
        {
            end++;
        }

        return end > start && items[end - 1].Kind == GlossKind.Noun ? (start, end) : null;
    }

    private static Item Modifier(Item item) =>
        item.Kind != GlossKind.Noun ? item
        : new Item(PluralModifiers.Contains(item.Text) ? item.Text : Inflection.Singular(item.Text), GlossKind.NounModifier);
}
