using System.Text.RegularExpressions;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Keys;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>The model a generation asked for runs on, or why it may not.</summary>
public abstract record ModelResult
{
    private ModelResult()
    {
    }

    public sealed record Chosen(string Model) : ModelResult;

    public sealed record Refused(string Problem) : ModelResult;
}

/// <summary>
/// The model a generation runs on. With the caller's own key (once, saved, organisation, server) any model they
/// name, else the configured default; with CrewBuilder's own key, the models of their plan's tier: Basic the standard
/// ones, Professional, Enterprise and a paid generation the advanced ones too.
/// </summary>
public static partial class ModelChoice
{
    public static ModelResult Choose(KeySelection key, ModelTier platformTier, string? requested, LlmOptions options)
    {
        if (requested is not null && !ModelName().IsMatch(requested))
        {
            return new ModelResult.Refused("A model name has letters, digits, '.', '-', '_' or ':' only, at most 100 of them.");
        }

        var allowed = Allowed(key, platformTier, options);
        return requested is null || key.Source != KeySource.Platform || allowed.Contains(requested)
            ? new ModelResult.Chosen(requested ?? allowed[0])
            : new ModelResult.Refused($"With CrewBuilder Pro AI your plan offers {string.Join(" and ", allowed)}.");
    }

    /// <summary>The model a key runs when none is asked for.</summary>
    public static string Default(KeySelection key, ModelTier platformTier, LlmOptions options) => Allowed(key, platformTier, options)[0];

    private static IReadOnlyList<string> Allowed(KeySelection key, ModelTier platformTier, LlmOptions options)
    {
        if (key.Source != KeySource.Platform)
        {
            return [key.Provider == Providers.Anthropic ? options.AnthropicModel : options.OpenAiModel];
        }

        var (standard, advanced) = (options.StandardModel(key.Provider), options.AdvancedModel(key.Provider));
        return platformTier is ModelTier.Advanced or ModelTier.All ? [advanced, standard] : [standard];
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex ModelName();
}
