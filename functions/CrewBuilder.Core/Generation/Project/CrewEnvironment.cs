using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// An environment variable the generated crew reads; secrets are left blank in <c>.env.example</c>. A
/// <paramref name="Required"/> one (a base URL with no documented default, a user name or server the tools cannot work
/// without, a tool's credential) is checked by the service wrapper at start-up and named by its /health; the model's key is
/// checked for the provider MODEL names.
/// </summary>
public sealed record EnvVar(string Name, string Purpose, bool Secret, string Example = "", bool Required = false);

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
            new("OPENAI_API_KEY", "Your OpenAI key, for an OpenAI MODEL (the service asks for the key of the provider MODEL names).", true),
            new("ANTHROPIC_API_KEY", "Your Anthropic key, for an anthropic/ MODEL instead of an OpenAI one.", true),
            new("KNOWLEDGE_DIR", "Where knowledge_search reads the crew's documents (default: ./knowledge).", false, "knowledge"),
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
            variables.AddRange(tool.EnvVars.Select(name => new EnvVar(name, $"For {tool.ClassName}, which {tool.Purpose}.", true, Required: true)));
        }

        var baseUrls = BaseUrls(design);
        foreach (var tool in design.Roster.Tools)
        {
            var needed = new[] { tool.Auth?.UserVariable, ToolKinds.SmtpHostVariable(tool) }.OfType<string>().ToHashSet();
            variables.AddRange(tool.EnvVars.Select(name => Integration(name, $"the {tool.Name} tool", baseUrls) is var variable && needed.Contains(name)
                ? variable with { Required = true, Example = "" }
                : variable));
        }

        foreach (var system in design.Integrations.Integrations)
        {
            variables.AddRange(system.EnvVars.Select(name => Integration(name, system.Name, baseUrls)));
        }

        return [.. variables.DistinctBy(variable => variable.Name)];
    }

    /// <summary>The variables the crew cannot work without, besides the model's key (the wrapper checks them at start-up).</summary>
    public static IReadOnlyList<string> Required(CrewDesign design) => [.. Of(design).Where(variable => variable.Required).Select(variable => variable.Name)];

    public static string EnvExample(CrewDesign design) =>
        string.Concat(Of(design).Select(variable => $"# {variable.Purpose}\n{variable.Name}={variable.Example}\n"));

    private static readonly string[] SecretSuffixes = ["_KEY", "_TOKEN", "_SECRET", "_PASSWORD"];

    /// <summary>Each *_URL variable a system's assessment names, with that system's documented base URL.</summary>
    private static Dictionary<string, string> BaseUrls(CrewDesign design) =>
        design.Roster.Tools.Where(tool => tool.BaseUrl is not null && ToolKinds.BaseUrlVariable(tool) is not null)
            .Select(tool => (name: ToolKinds.BaseUrlVariable(tool)!, url: tool.BaseUrl!))
            .Concat(design.Integrations.Integrations
                .Where(system => system.BaseUrl is not null)
                .SelectMany(system => system.EnvVars.Where(name => name.EndsWith("_URL", StringComparison.Ordinal)).Select(name => (name, url: system.BaseUrl!))))
            .DistinctBy(pair => pair.name)
            .ToDictionary(pair => pair.name, pair => pair.url);

    private static EnvVar Integration(string name, string owner, Dictionary<string, string> baseUrls) =>
        name.EndsWith("_URL", StringComparison.Ordinal)
            ? baseUrls.TryGetValue(name, out var url)
                ? ToolKinds.IsInstanceUrl(url)
                    ? new(name, $"Base URL of your own {owner} instance: set it.", false, url, Required: true)
                    : new(name, $"Base URL of the API of {owner} (its documented address; change it for a sandbox or a proxy).", false, url)
                : new(name, $"Base URL of the API of {owner}: set it, the tool has no default.", false, Required: true)
        : SecretSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)) ? new(name, $"Credential for {owner}.", true, Required: true)
        : new(name, $"Setting for {owner}.", false, "change-me");
}
