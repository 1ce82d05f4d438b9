using System.Globalization;
using System.Text;

namespace CrewBuilder.Core.Generation;

/// <summary>Turns words into the names Python, CrewAI and people expect.</summary>
public static class Naming
{
    private static readonly HashSet<string> PythonKeywords =
    [
        "false", "none", "true", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
    ];

    /// <summary>The names of CrewAI's own scripts, which a project may not take.</summary>
    private static readonly HashSet<string> ReservedScripts = ["run_crew", "train", "replay", "test", "run_with_trigger", "crewai"];

    /// <summary>Accented Latin letters and their plain spelling (the app runs with invariant globalization, so no Unicode decomposition).</summary>
    private static readonly Dictionary<char, string> Transliterations = new[]
    {
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"),
        ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņň", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"),
    }.SelectMany(pair => pair.Item1.Select(letter => (letter, pair.Item2))).ToDictionary(pair => pair.letter, pair => pair.Item2);

    public static string Snake(string words)
    {
        var builder = new StringBuilder();
        foreach (var ch in Unaccented(words.ToLowerInvariant()))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                builder.Append(ch);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().Trim('_');
    }

    /// <summary>Latin letters without their accents ("Zoë Müller" → "zoe muller"); letters of other scripts stay as they are.</summary>
    internal static string Unaccented(string text) => string.Concat(text.Select(letter => Transliterations.GetValueOrDefault(letter, letter.ToString())));

    public static bool IsReservedScriptName(string name) => ReservedScripts.Contains(name);

    public static string Title(string words) =>
        string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    public static string Pascal(string words) => Title(Snake(words).Replace('_', ' ')).Replace(" ", "", StringComparison.Ordinal);

    public static string Capitalise(string sentence) =>
        sentence.Length == 0 ? sentence : char.ToUpper(sentence[0], CultureInfo.InvariantCulture) + sentence[1..];

    /// <summary>A valid, non-keyword Python identifier built from <paramref name="words"/>.</summary>
    public static string PythonIdentifier(string words, string fallback)
    {
        var name = Snake(words);
        if (name.Length == 0)
        {
            name = fallback;
        }

        if (char.IsAsciiDigit(name[0]))
        {
            name = $"{fallback}_{name}";
        }

        return IsPythonKeyword(name) ? $"{name}_" : name;
    }

    public const int MaxKeyLength = 40;

    /// <summary>
    /// The snake_case key a model's name becomes, the same wherever the name is defined or referenced: quotes and
    /// backticks stripped, CamelCase split, at most <see cref="MaxKeyLength"/> characters.
    /// </summary>
    public static string Key(string name, string fallback)
    {
        var key = PythonIdentifier(SplitCamelCase(Unquote(name)), fallback);
        return key.Length > MaxKeyLength ? key[..MaxKeyLength].TrimEnd('_') : key;
    }

    /// <summary>An environment variable's name as a model may write it (<c>`slack_url`</c>, <c>$SLACK_URL</c>), in UPPER_SNAKE_CASE.</summary>
    public static string EnvName(string name) => Snake(Unquote(name).TrimStart('$').Trim('{', '}')).ToUpperInvariant();

    public static string Unquote(string text) => text.Trim().Trim('"', '\'', '`', '\u201c', '\u201d', '\u2018', '\u2019').Trim();

    /// <summary><paramref name="words"/> ending in <paramref name="noun"/> once: "Zendesk Tickets Crew" stays one crew.</summary>
    public static string EndingIn(string words, string noun) =>
        Snake(words) is var snake && (snake == noun || snake.EndsWith("_" + noun, StringComparison.Ordinal)) ? words : $"{words} {noun}";

    private static string SplitCamelCase(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsAsciiLetterUpper(text[i]) && (char.IsAsciiLetterLower(text[i - 1]) || (i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1]) && char.IsAsciiLetterUpper(text[i - 1]))))
            {
                builder.Append(' ');
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    public static bool IsPythonKeyword(string name) => PythonKeywords.Contains(name.ToLowerInvariant());

    public static bool IsPythonIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')
        && !IsPythonKeyword(name);
}
