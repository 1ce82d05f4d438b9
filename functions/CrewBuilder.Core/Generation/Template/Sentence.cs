using System.Globalization;
using System.Text;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>Puts words back into a sentence: marks against the word before them, "our" said from the crew's side.</summary>
internal static class Sentence
{
    private static readonly HashSet<string> Dangling = ["and", "or", "then", "to", "of", "for", "with", "from", "in", "on", "at", "by", "into", "against", "the", "a", "an", "that", "which"];

    public static string Join(IEnumerable<string> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts.Where(part => part.Length > 0))
        {
            if (builder.Length > 0 && !(part.Length == 1 && RequirementText.IsMark(part)))
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && (Dangling.Contains(words[^1].ToLowerInvariant().TrimEnd(',', ';', ':')) || words[^1].All(ch => RequirementText.IsMark(ch.ToString()))))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words).TrimEnd(',', ';', ':', '.', '!', '?', ' ');
    }

    /// <summary>"our shared mailbox" becomes "the shared mailbox": the crew speaks of the team's things as "the".</summary>
    public static IEnumerable<string> Ours(IEnumerable<string> tokens) =>
        tokens.Select(token => token.ToLowerInvariant() switch
        {
            "our" or "my" => char.IsUpper(token[0]) ? "The" : "the",
            "us" or "me" => "the team",
            _ => token,
        });

    public static string Capitalise(string sentence) =>
        sentence.Length == 0 ? sentence : char.ToUpper(sentence[0], CultureInfo.InvariantCulture) + sentence[1..];

    /// <summary>A list as English writes it: "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) =>
        items.Count switch { 0 => "", 1 => items[0], _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}" };
}
