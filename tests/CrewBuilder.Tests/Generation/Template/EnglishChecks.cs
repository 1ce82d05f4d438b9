using System.Text.RegularExpressions;

namespace CrewBuilder.Tests.Generation.Template;

/// <summary>What a person would notice in a generated name or sentence: fragments, pronouns, doubled marks, placeholders, markup.</summary>
internal static partial class EnglishChecks
{
    private static readonly HashSet<string> Prepositions = ["to", "from", "in", "of", "for", "with", "against", "on", "at", "by", "about", "into", "via", "than", "through"];
    private static readonly HashSet<string> Fragments =
    [
        "the", "a", "an", "our", "their", "its", "my", "your", "whose", "that", "which", "who", "when", "and", "or", "then",
        "them", "it", "they", "each", "ones", "one", "this", "these", "those", "me", "us", "him", "her", "everything", "whether", "is", "are",
        .. Prepositions,
    ];

    private static readonly string[] Placeholders = ["results", "todo", "tbd", "lorem", "xxx", "n/a", "something", "stuff", "placeholder", "foo", "project crew"];
    private static readonly string[] Markup = ["<", ">", "http", "www.", "&lt;", "&amp;"];
    private static readonly string[] MarkupWords = ["script", "xss", "xss1", "onerror", "img", "src", "alert(1)"];

    /// <summary>Problems with a name (an agent's role, a crew's title): no fragment or pronoun word, no possessive, no word twice.</summary>
    public static IEnumerable<string> NameProblems(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words.Where(word => Fragments.Contains(word.ToLowerInvariant())))
        {
            yield return $"'{name}' holds the fragment word '{word}'.";
        }

        if (name.Contains('\'') || name.Contains('’'))
        {
            yield return $"'{name}' holds a possessive.";
        }

        if (words.Zip(words.Skip(1)).Any(pair => string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"'{name}' says a word twice.";
        }

        if (words.Length == 0 || words.Any(word => !char.IsLetter(word[0])))
        {
            yield return $"'{name}' has a word that does not start with a letter.";
        }

        foreach (var problem in Common(name))
        {
            yield return problem;
        }
    }

    /// <summary>Problems with generated prose: each sentence starts with a capital and ends with a mark, no preposition before a mark, no "..".</summary>
    public static IEnumerable<string> SentenceProblems(string text)
    {
        var prose = text.Replace("{requirement}", "the requirement", StringComparison.Ordinal);
        var unquoted = Quoted().Replace(prose, "“quote”");
        if (!char.IsUpper(prose.TrimStart()[0]))
        {
            yield return $"Does not start with a capital: {text}";
        }

        if (!".:!?".Contains(prose.TrimEnd()[^1]) && !prose.TrimEnd().EndsWith("the requirement", StringComparison.Ordinal))
        {
            yield return $"Does not end a sentence: {text}";
        }

        if (DoubledMark().IsMatch(prose))
        {
            yield return $"Doubled punctuation: {text}";
        }

        if (prose.Contains(" ,", StringComparison.Ordinal) || prose.Contains(" .", StringComparison.Ordinal) || prose.Contains("  ", StringComparison.Ordinal))
        {
            yield return $"A space before a mark or a doubled space: {text}";
        }

        foreach (Match match in DanglingWord().Matches(unquoted))
        {
            if (Prepositions.Contains(match.Groups[1].Value.ToLowerInvariant()) || match.Groups[1].Value.ToLowerInvariant() is "the" or "a" or "an" or "and" or "or")
            {
                yield return $"'{match.Groups[1].Value}' ends a clause: {text}";
            }
        }

        foreach (Match match in RepeatedWord().Matches(unquoted))
        {
            yield return $"'{match.Value}' repeats a word: {text}";
        }

        foreach (Match match in Article().Matches(unquoted))
        {
            var next = match.Groups[2].Value.ToLowerInvariant();
            var vowel = "aeiou".Contains(next[0]) && !next.StartsWith("use", StringComparison.Ordinal) && !next.StartsWith("one", StringComparison.Ordinal) && !next.StartsWith("uni", StringComparison.Ordinal);
            if ((match.Groups[1].Value.Equals("a", StringComparison.OrdinalIgnoreCase)) == vowel)
            {
                yield return $"'{match.Value}' has the wrong article: {text}";
            }
        }

        foreach (var problem in Common(unquoted))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> Common(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var placeholder in Placeholders.Where(placeholder => Regex.IsMatch(lower, $@"(^|\W){Regex.Escape(placeholder)}(\W|$)")))
        {
            yield return $"Placeholder-sounding '{placeholder}': {text}";
        }

        foreach (var mark in Markup.Where(mark => lower.Contains(mark, StringComparison.Ordinal)))
        {
            yield return $"Markup or an address ('{mark}'): {text}";
        }

        foreach (var word in MarkupWords.Where(word => Regex.IsMatch(lower, $@"(^|\W){Regex.Escape(word)}(\W|$)")))
        {
            yield return $"Markup ('{word}'): {text}";
        }

        if (text.Contains('{') || text.Contains('}'))
        {
            yield return $"A brace left in: {text}";
        }
    }

    [GeneratedRegex(@"[.,;:!?]\s*[.,;:!?]")]
    private static partial Regex DoubledMark();

    [GeneratedRegex(@"\b(\w+)\s*(?:[.,;:!?]|$)")]
    private static partial Regex DanglingWord();

    [GeneratedRegex(@"\b(\w+) \1\b", RegexOptions.IgnoreCase)]
    private static partial Regex RepeatedWord();

    [GeneratedRegex(@"\b(a|an) ([A-Za-z][\w-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Article();

    [GeneratedRegex(@"“[^”]*”")]
    private static partial Regex Quoted();
}
