using System.Globalization;
using System.Text;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>Turns words into the names Python, CrewAI and people expect.</summary>
public static class Naming
{
    private static readonly HashSet<string> PythonKeywords =
    [
        "false", "none", "true", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
    ];

    public static string Snake(string words)
    {
        var builder = new StringBuilder();
        foreach (var ch in words.ToLowerInvariant())
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

    public static bool IsPythonKeyword(string name) => PythonKeywords.Contains(name.ToLowerInvariant());

    public static bool IsPythonIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')
        && !IsPythonKeyword(name);
}
