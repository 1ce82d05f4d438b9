using System.Text.RegularExpressions;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Keys;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>
/// The model a generation runs on. With the caller's own key (once, saved, organisation, server) any model they
/// name, else the configured default; with CrewBuilder's own key, the models of their plan's tier: Basic the standard
/// ones, Professional, Enterprise and a paid generation the advanced ones too.
/// </summary>
public static partial class ModelChoice
{
    public static (string? Model, string? Problem) Choose(KeySelection? key, ModelTier platformTier, string? requested, LlmOptions options)
    {
        if (key is null)
        {
            return (null, null);
        }

        if (requested is not null && !ModelName().IsMatch(requested))
        {
            return (null, "A model name has letters, digits, '.', '-', '_' or ':' only, at most 100 of them.");
        }

        var anthropic = key.Provider == Providers.Anthropic;
        if (key.Source != KeySource.Platform)
        {
            return (requested ?? (anthropic ? options.AnthropicModel : options.OpenAiModel), null);
        }

        var (standard, advanced) = (options.StandardModel(key.Provider), options.AdvancedModel(key.Provider));
        IReadOnlyList<string> allowed = platformTier is ModelTier.Advanced or ModelTier.All ? [advanced, standard] : [standard];
        return requested is null || allowed.Contains(requested)
            ? (requested ?? allowed[0], null)
            : (null, $"With CrewBuilder Pro AI your plan offers {string.Join(" and ", allowed)}.");
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex ModelName();
}
