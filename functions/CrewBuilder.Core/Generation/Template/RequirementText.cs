using System.Net;
using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// A requirement as words and marks, with markup, scripts and addresses taken out first: a pasted
/// <c>&lt;script&gt;</c> or link is not part of what the crew should do. Words keep letters of any script.
/// </summary>
internal static partial class RequirementText
{
    public static IReadOnlyList<string> Tokens(string requirement) =>
        [.. TokenPattern().Matches(Clean(requirement)).Select(match => match.Value)];

    public static string Clean(string requirement)
    {
        var text = WebUtility.HtmlDecode(WebUtility.HtmlDecode(requirement));
        text = ScriptBlock().Replace(text, " ");
        text = Tag().Replace(text, " ");
        text = Address().Replace(text, " ");
        text = ListMarker().Replace(text, "\n");
        text = Parenthesis().Replace(text, " ");
        return MarkdownMark().Replace(text, " ");
    }

    public static bool IsMark(string token) => token.Length == 1 && !char.IsLetterOrDigit(token[0]) && token[0] != '#';

    /// <summary>A mark that ends a clause: a sentence end, a semicolon, a colon or a line break.</summary>
    public static bool EndsClause(string token) => token is "." or "!" or "?" or ";" or ":" or "\n";

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex(@"</?[A-Za-z!][^>]*>?")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(?:https?|ftp|javascript|data):\S*|\bwww\.\S+|\S+@\S+\.\w+", RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    [GeneratedRegex(@"(?m)^\s*(?:[-*•]|\d+[.)])\s+")]
    private static partial Regex ListMarker();

    /// <summary>An aside in brackets ("(industry, size, country)") says more about a thing; it is not a job or a name.</summary>
    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"\*\*|__|`+|~~|^#+\s", RegexOptions.Multiline)]
    private static partial Regex MarkdownMark();

    /// <summary>
    /// A word (letters of any script, with inner apostrophes, hyphens and digits: "day's", "e-mail", "1,200-word"),
    /// a Slack-style channel ("#pricing"), a number, or one mark.
    /// </summary>
    [GeneratedRegex(@"#[\p{L}\p{N}_-]+|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*['’]?|\d[\d,.]*\d(?:-[\p{L}]+)?%?|\d(?:-[\p{L}]+)?%?|[.,;:!?\n]")]
    private static partial Regex TokenPattern();
}
