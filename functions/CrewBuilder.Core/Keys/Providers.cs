using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Keys;

/// <summary>The LLM providers whose keys CrewBuilder accepts, and what their keys look like.</summary>
public static partial class Providers
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";

    public static IReadOnlyList<string> All { get; } = [OpenAi, Anthropic];

    public static bool IsKnown(string provider) => All.Contains(provider);

    /// <summary>Why <paramref name="key"/> cannot be a key of <paramref name="provider"/>, or null; never repeats the key.</summary>
    public static string? FormatProblem(string provider, string key) => provider switch
    {
        Anthropic when !AnthropicKey().IsMatch(key) =>
            "An Anthropic key starts with sk-ant- and is 30 to 300 letters, digits, dashes or underscores.",
        OpenAi when !OpenAiKey().IsMatch(key) || key.StartsWith("sk-ant-", StringComparison.Ordinal) =>
            "An OpenAI key starts with sk- and is 20 to 200 letters, digits, dashes or underscores.",
        _ => null,
    };

    /// <summary>What a person is shown of a key: its first three and last four characters.</summary>
    public static string Mask(string key) => key.Length <= 12 ? "…" : $"{key[..3]}…{key[^4..]}";

    [GeneratedRegex("^sk-[A-Za-z0-9_-]{17,197}$")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex("^sk-ant-[A-Za-z0-9_-]{23,293}$")]
    private static partial Regex AnthropicKey();
}
