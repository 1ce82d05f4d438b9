namespace CrewBuilder.Core.Generation.Template.Gloss;

/// <summary>What a word of another language is to the gloss: a verb, a noun, an adjective after its noun, or a small word.</summary>
internal enum GlossKind { Verb, Noun, Adjective, NounModifier, Article, ObjectPronoun, Of, Partitive, Language, Word }

internal readonly record struct GlossEntry(string English, GlossKind Kind);

/// <summary>
/// The words of one language a requirement is most often written with, each with its English, keyed without accents
/// (people type "resume" for "résumé"). Verbs, nouns and adjectives are given once and their other forms derived.
/// </summary>
internal sealed class GlossLexicon
{
    private static readonly HashSet<string> Elided = ["l", "d", "qu", "j", "n", "s", "c", "m", "t"];

    /// <summary>English nouns that template mode counts as uncountable but a requirement counts ("the emails of the customers").</summary>
    private static readonly Dictionary<string, string> CountedPlurals = new() { ["email"] = "emails", ["address"] = "addresses" };

    private readonly Dictionary<string, GlossEntry> entries = [];

    private readonly Dictionary<string, GlossEntry> nouns = [];

    public GlossLexicon(string language, IEnumerable<string> markers)
    {
        Language = language;
        Markers = new HashSet<string>(markers);
    }

    public string Language { get; }

    /// <summary>Small words common in this language and rare in the others: how a requirement is told to be in it.</summary>
    public IReadOnlySet<string> Markers { get; }

    /// <summary>Several words that say one thing ("mettre à jour": update), keyed by their first word.</summary>
    public Dictionary<string, List<(string[] Words, GlossEntry Entry)>> Phrases { get; } = [];

    /// <summary>The object pronouns that may be joined to the end of a verb ("publicarlas": publish them).</summary>
    public List<(string Suffix, string English)> Enclitics { get; } = [];

    public GlossEntry? Find(string word) => entries.TryGetValue(Key(word), out var entry) ? entry : null;

    /// <summary>The noun a word is when it is also a verb ("résumés": summaries, not "you summarise").</summary>
    public GlossEntry? FindNoun(string word) => nouns.TryGetValue(Key(word), out var entry) ? entry : null;

    /// <summary>"l'équipe" is two words to a reader, "l'" and "équipe"; "day's" is one.</summary>
    public static IEnumerable<string> SplitElision(string token)
    {
        var apostrophe = token.IndexOfAny(['\'', '’']);
        return apostrophe > 0 && Elided.Contains(Key(token[..apostrophe])) && apostrophe < token.Length - 1
            ? [token[..(apostrophe + 1)], token[(apostrophe + 1)..]]
            : [token];
    }

    public static string Key(string word) => Naming.Unaccented(word.ToLowerInvariant()).Replace('’', '\'');

    public GlossLexicon Add(GlossKind kind, string english, params string[] forms)
    {
        foreach (var form in forms)
        {
            if (form.Contains(' ', StringComparison.Ordinal))
            {
                var words = form.Split(' ').SelectMany(SplitElision).Select(Key).ToArray();
                (Phrases.TryGetValue(words[0], out var list) ? list : Phrases[words[0]] = []).Add((words, new GlossEntry(english, kind)));
            }
            else
            {
                entries.TryAdd(Key(form), new GlossEntry(english, kind));
                if (kind == GlossKind.Noun)
                {
                    nouns.TryAdd(Key(form), new GlossEntry(english, kind));
                }
            }
        }

        return this;
    }

    /// <summary>A noun in the singular and plural of both languages ("résumé", "résumés": "summary", "summaries").</summary>
    public GlossLexicon Noun(string english, string singular, string plural)
    {
        Add(GlossKind.Noun, english, singular);
        return Add(GlossKind.Noun, CountedPlurals.GetValueOrDefault(english) ?? Inflection.Plural(english), plural);
    }

    /// <summary>Kept longest first, so "publicarlos" loses "los" rather than "s".</summary>
    public GlossLexicon Enclitic(string suffix, string english)
    {
        var at = Enclitics.FindIndex(enclitic => enclitic.Suffix.Length < suffix.Length);
        Enclitics.Insert(at < 0 ? Enclitics.Count : at, (suffix, english));
        return this;
    }

    /// <summary>Adjectives given as an English word and its forms in one string ("nouveau nouvel nouvelle…").</summary>
    public GlossLexicon Adjectives(IEnumerable<(string English, string Forms)> adjectives)
    {
        foreach (var (english, forms) in adjectives)
        {
            Add(GlossKind.Adjective, english, forms.Split(' '));
        }

        return this;
    }
}
