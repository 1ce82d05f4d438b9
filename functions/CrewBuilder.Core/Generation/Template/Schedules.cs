using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>How often a requirement asks for the work: "each night", "every Monday", "hourly", "every five minutes".</summary>
internal static partial class Schedules
{
    /// <summary>The schedule a clause names, and the clause without it.</summary>
    public static (string? Schedule, string Remainder) Take(string clause)
    {
        var match = Schedule().Match(clause);
        if (!match.Success)
        {
            return (null, clause);
        }

        var phrase = match.Value.Trim().TrimEnd(',').Trim();
        var rest = (clause[..match.Index] + " " + clause[(match.Index + match.Length)..]).Trim();
        return (Normalise(phrase), rest);
    }

    public static int RunsPerMonth(string? schedule) => schedule?.ToLowerInvariant() switch
    {
        null => 30,
        var s when s.Contains("minute", StringComparison.Ordinal) => 8_640,
        var s when s.Contains("hour", StringComparison.Ordinal) => 720,
        var s when s.Contains("week", StringComparison.Ordinal) || WeekdayName().IsMatch(s) => 4,
        var s when s.Contains("month", StringComparison.Ordinal) => 1,
        var s when s.Contains("quarter", StringComparison.Ordinal) => 1,
        _ => 30,
    };

    private static string Normalise(string phrase)
    {
        var lower = phrase.ToLowerInvariant();
        return lower switch
        {
            "daily" => "every day",
            "nightly" => "every night",
            "hourly" => "every hour",
            "weekly" => "every week",
            "monthly" => "every month",
            "quarterly" => "every quarter",
            _ when lower.StartsWith("each ", StringComparison.Ordinal) => "every " + phrase[5..],
            _ => phrase,
        };
    }

    [GeneratedRegex(@"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeekdayName();

    /// <summary>An adverb of frequency stands alone ("post them weekly"), not before a noun ("a weekly digest").</summary>
    [GeneratedRegex(
        @"(?:\b(?:every|each)\s+(?:other\s+|single\s+)?(?:\d+\s+|one\s+|two\s+|three\s+|four\s+|five\s+|ten\s+|fifteen\s+|thirty\s+)?(?:minutes?|hours?|days?|nights?|mornings?|evenings?|weekdays?|working\s+days?|business\s+days?|weeks?|months?|quarters?|years?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|evening|night|at\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?))?\b|\bon\s+(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays)\b|\b(?:once|twice)\s+(?:a|an|per)\s+(?:hour|day|week|month)\b|\bat\s+the\s+(?:start|end)\s+of\s+(?:each|every)\s+(?:day|week|month|quarter)\b|\b(?:daily|nightly|hourly|weekly|monthly|quarterly)\b(?=\s*(?:[,.;:!?]|$|and\b|then\b|to\b|from\b|in\b|on\b|at\b|for\b)))\s*,?",
        RegexOptions.IgnoreCase)]
    private static partial Regex Schedule();
}
