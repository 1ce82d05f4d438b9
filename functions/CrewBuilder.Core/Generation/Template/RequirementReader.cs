using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// Reads what a plain-language requirement asks a crew to do, without a model: each clause's
/// first known verb and the noun phrase after it become one capability.
/// </summary>
internal static partial class RequirementReader
{
    public const int MaxCapabilities = 5;
    private const int MaxSubjectWords = 3;

    private static readonly HashSet<string> Determiners =
    [
        "a", "an", "the", "our", "my", "their", "its", "your", "all", "any", "each", "every", "new", "incoming",
        "relevant", "some", "these", "those", "this", "his", "her", "daily", "weekly", "monthly", "latest",
    ];

    private static readonly HashSet<string> SubjectStops =
    [
        "for", "to", "from", "with", "into", "in", "on", "by", "about", "at", "using", "via", "so", "that", "which",
        "who", "when", "while", "before", "after", "then", "and", "or", "as", "based", "if", "per", "through",
    ];

    private static readonly HashSet<string> CrewNouns =
    [
        "crew", "team", "system", "agent", "agents", "workflow", "pipeline", "assistant", "bot", "app", "tool",
        "me", "us", "something", "way",
    ];

    private static readonly HashSet<string> Uninteresting =
    [
        "crew", "team", "system", "agents", "agent", "that", "which", "with", "from", "into", "this", "need", "want",
        "would", "should", "could", "build", "create", "make", "help", "please", "their", "there", "them", "they",
        "about", "using", "every", "other", "some", "also", "then", "than", "will", "have", "what", "when",
    ];

    public static IReadOnlyList<Capability> ReadCapabilities(string requirement)
    {
        var capabilities = new List<Capability>();
        foreach (var clause in Clauses(requirement))
        {
            var capability = ReadClause(clause, capabilities.LastOrDefault()?.Subject);
            if (capability is not null && !capabilities.Contains(capability))
            {
                capabilities.Add(capability);
            }

            if (capabilities.Count == MaxCapabilities)
            {
                break;
            }
        }

        return capabilities switch
        {
            [] => Fallback(requirement),
            [var only] => [only, new Capability("review", only.Subject)],
            _ => capabilities,
        };
    }

    /// <summary>The most telling words of the requirement, for titles when no verb was found.</summary>
    public static string Topic(string requirement)
    {
        var words = Words(requirement)
            .Where(word => word.Length > 3 && !Uninteresting.Contains(word) && !SubjectStops.Contains(word))
            .Take(2)
            .ToList();
        return words.Count == 0 ? "project" : string.Join(' ', words);
    }

    private static Capability? ReadClause(string[] words, string? previousSubject)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var verb = VerbLexicon.BaseForm(words[i]);
            if (verb is null)
            {
                continue;
            }

            var subject = Subject(words, i + 1);
            if (subject.Length > 0 && CrewNouns.Contains(subject.Split(' ')[0]))
            {
                continue; // "build a crew that …": the verb describes the crew, not its work.
            }

            return new Capability(verb, subject.Length > 0 ? subject : previousSubject ?? "results");
        }

        return null;
    }

    private static string Subject(string[] words, int start)
    {
        var subject = new List<string>();
        for (var i = start; i < words.Length && subject.Count < MaxSubjectWords; i++)
        {
            if (SubjectStops.Contains(words[i]))
            {
                break;
            }

            if (subject.Count == 0 && Determiners.Contains(words[i]))
            {
                continue;
            }

            subject.Add(words[i]);
        }

        return string.Join(' ', subject);
    }

    private static IEnumerable<string[]> Clauses(string requirement) =>
        ClauseBreak().Split(requirement.ToLowerInvariant())
            .Select(clause => Words(clause).ToArray())
            .Where(words => words.Length > 0);

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(match => match.Value.Trim('\''));

    private static List<Capability> Fallback(string requirement)
    {
        var topic = Topic(requirement);
        return [new("research", topic), new("analyse", topic), new("report", topic)];
    }

    [GeneratedRegex(@"[.;:!?\n,]|\band\b|\bthen\b|\balso\b")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[a-z][a-z0-9']*")]
    private static partial Regex WordPattern();
}
