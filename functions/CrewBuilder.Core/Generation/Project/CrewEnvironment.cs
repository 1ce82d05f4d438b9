using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>An environment variable the generated crew reads; secrets are left blank in <c>.env.example</c>.</summary>
public sealed record EnvVar(string Name, string Purpose, bool Secret, string Example = "");

/// <summary>Every environment variable a generated crew reads, from its model, its tools and its integrations.</summary>
public static class CrewEnvironment
{
    public const string DefaultModel = "gpt-4o-mini";
    public const string DefaultManagerModel = "gpt-4o";
    public const string DefaultAdvancedModel = "gpt-4o";

    public static IReadOnlyList<EnvVar> Of(CrewDesign design)
    {
        var variables = new List<EnvVar>
        {
            new("MODEL", "The model the agents use (LiteLLM name, e.g. gpt-4o-mini or anthropic/claude-sonnet-4-5).", false, DefaultModel),
            new("OPENAI_API_KEY", "Your OpenAI key (or set ANTHROPIC_API_KEY and an anthropic/ MODEL instead).", true),
        };
        if (design.Roster.Agents.Any(agent => agent.Advanced))
        {
            variables.Add(new("ADVANCED_MODEL", "The stronger model of the agents whose work needs judgement (see the README's agents table).", false, DefaultAdvancedModel));
        }

        if (design.Process == "hierarchical")
        {
            variables.Add(new("MANAGER_MODEL", "The model of the manager that delegates work in the hierarchical process.", false, DefaultManagerModel));
        }

        foreach (var tool in design.Roster.Agents.SelectMany(agent => agent.Tools).Distinct().Select(ToolCatalog.Find).OfType<CatalogTool>())
        {
            variables.AddRange(tool.EnvVars.Select(name => new EnvVar(name, $"For {tool.ClassName}, which {tool.Purpose}.", true)));
        }

        var baseUrls = BaseUrls(design);
        foreach (var tool in design.Roster.Tools)
        {
            variables.AddRange(tool.EnvVars.Select(name => Integration(name, $"the {tool.Name} tool", baseUrls)));
        }

        foreach (var system in design.Integrations.Integrations)
        {
            variables.AddRange(system.EnvVars.Select(name => Integration(name, system.Name, baseUrls)));
        }

        return [.. variables.DistinctBy(variable => variable.Name)];
    }

    /// <summary>The variables the crew cannot start without: every secret (the wrapper checks them at start-up).</summary>
    public static IReadOnlyList<string> Required(CrewDesign design) => [.. Of(design).Where(variable => variable.Secret).Select(variable => variable.Name)];

    public static string EnvExample(CrewDesign design) =>
        string.Concat(Of(design).Select(variable => $"# {variable.Purpose}\n{variable.Name}={variable.Example}\n"));

    private static readonly string[] SecretSuffixes = ["_KEY", "_TOKEN", "_SECRET", "_PASSWORD"];

    /// <summary>Each *_URL variable a system's assessment names, with that system's documented base URL.</summary>
    private static Dictionary<string, string> BaseUrls(CrewDesign design) =>
        design.Integrations.Integrations
            .Where(system => system.BaseUrl is not null)
            .SelectMany(system => system.EnvVars.Where(name => name.EndsWith("_URL", StringComparison.Ordinal)).Select(name => (name, url: system.BaseUrl!)))
            .DistinctBy(pair => pair.name)
            .ToDictionary(pair => pair.name, pair => pair.url);

    private static EnvVar Integration(string name, string owner, Dictionary<string, string> baseUrls) =>
        name.EndsWith("_URL", StringComparison.Ordinal)
            ? new(name, $"Base URL of the API of {owner}.", false, baseUrls.GetValueOrDefault(name, "https://api.example.com"))
        : SecretSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)) ? new(name, $"Credential for {owner}.", true)
        : new(name, $"Setting for {owner}.", false, "change-me");
}
