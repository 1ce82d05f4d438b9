using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// The deterministic designer of template mode: the same requirement always yields the same crew,
/// with agents and tasks named after the work the requirement asks for.
/// </summary>
public sealed class TemplateCrewDesigner
{
    private const int MaxPackageNameLength = 40;

    public RequirementAnalysis Analyse(string requirement)
    {
        var capabilities = RequirementReader.ReadCapabilities(requirement);
        var focus = capabilities[0].Subject;
        var packageName = Naming.PythonIdentifier(Naming.EndingIn(focus, "crew"), "crew");
        if (packageName.Length > MaxPackageNameLength)
        {
            packageName = packageName[..MaxPackageNameLength].TrimEnd('_');
        }

        var title = $"{Naming.Title(focus)} Crew";
        var summary = $"A crew of {capabilities.Count} AI agents that will {Sentence(capabilities)}.";
        return new RequirementAnalysis(
            requirement, title, packageName, summary, capabilities,
            [.. IntegrationCatalog.Match(requirement).Select(system => system.Name)], null, RunsPerMonth(requirement));
    }

    public FeasibilityReport AssessIntegrations(RequirementAnalysis analysis) => new(IntegrationCatalog.Match(analysis.Requirement));

    /// <summary>
    /// One agent per capability. The first searches the knowledge folder; each agent gets the crewai_tools its job's
    /// words call for; each external system becomes a custom API tool, handed out in turn.
    /// </summary>
    /// <summary>The methods of a system's key endpoints ("POST /api/chat.postMessage"), GET when they name none.</summary>
    private static IEnumerable<string> Methods(IntegrationAssessment system) =>
        system.KeyEndpoints.Select(endpoint => endpoint.Split(' ')[0].ToUpperInvariant()).Where(method => method is "GET" or "POST" or "PUT" or "PATCH" or "DELETE")
            .DefaultIfEmpty("GET").Distinct();

    public AgentRoster DesignAgents(RequirementAnalysis analysis, FeasibilityReport feasibility)
    {
        var apiTools = feasibility.Integrations.Select(system => new CustomTool(
            Naming.PythonIdentifier(Naming.EndingIn(system.Name, "api"), "api") is var name && name.Length > 40 ? name[..40].TrimEnd('_') : name,
            $"Calls the {system.Name} API ({string.Join("; ", system.KeyEndpoints)}) and returns its JSON answer.",
            [new ToolArgument("method", "string", $"The HTTP method: {string.Join(", ", Methods(system))}.", true),
             new ToolArgument("path", "string", "The API path to call, e.g. " + (system.KeyEndpoints.Count > 0 ? system.KeyEndpoints[0].Split(' ')[^1] : "/"), true),
             new ToolArgument("query", "object", "Query parameters, as an object of names and values.", false),
             new ToolArgument("body", "object", "The JSON body of a POST, PUT or PATCH.", false)],
            system.EnvVars, BaseUrl: system.BaseUrl, Auth: system.Auth)).ToList();
        var keys = new UniqueNames();
        var agents = analysis.Capabilities.Select((capability, index) =>
        {
            var role = $"{Naming.Title(capability.Subject)} {VerbLexicon.AgentNoun(capability.Verb)}";
            return new AgentDesign(
                Key: keys.Claim(Naming.PythonIdentifier(role, "agent")),
                Role: role,
                Goal: $"{Naming.Capitalise(capability.Verb)} {capability.Subject} thoroughly and accurately, "
                    + "so that the crew meets the requirement: {requirement}",
                Backstory: $"You are an experienced {role.ToLowerInvariant()} who has helped many teams "
                    + $"{capability.Verb} {capability.Subject}. You work from evidence, state your assumptions, "
                    + "and hand the next colleague a result they can use without asking again.",
                Tools: [.. index == 0 ? [ToolCatalog.KnowledgeSearch] : Array.Empty<string>(), .. CatalogToolsFor(capability),
                        .. apiTools.Where((_, toolIndex) => toolIndex % analysis.Capabilities.Count == index).Select(tool => tool.Name)]);
        }).ToList();
        return new AgentRoster(agents, "sequential", "each job builds on the one before, in the order the requirement gives them", apiTools);
    }

    public TaskPlan DesignTasks(RequirementAnalysis analysis, AgentRoster roster)
    {
        var keys = new UniqueNames(roster.Agents.Select(agent => agent.Key));
        var tasks = new List<TaskDesign>();
        for (var i = 0; i < analysis.Capabilities.Count; i++)
        {
            var capability = analysis.Capabilities[i];
            var isLast = i == analysis.Capabilities.Count - 1;
            var heading = $"{Naming.Capitalise(capability.Verb)} {capability.Subject}";
            tasks.Add(new TaskDesign(
                Key: keys.Claim(Naming.PythonIdentifier($"{capability.Verb} {capability.Subject}", "task")),
                Description: $"{heading} for this requirement: {{requirement}}. "
                    + (i == 0 ? "Start from the knowledge files and the requirement itself. "
                              : "Build on the results of the earlier tasks. ")
                    + "Be specific and note any assumption you had to make.",
                ExpectedOutput: $"A Markdown section titled '{heading}' with the outcome, the reasoning behind it "
                    + (isLast ? "and a short list of next steps for the people who asked for this crew."
                              : "and everything the next task needs to continue."),
                Agent: roster.Agents[i].Key,
                Context: i == 0 ? [] : [tasks[i - 1].Key],
                OutputFile: isLast ? "output/report.md" : null,
                Covers: [i]));
        }

        return new TaskPlan(tasks);
    }

    private static IEnumerable<string> CatalogToolsFor(Capability capability)
    {
        var words = $"{capability.Verb} {capability.Subject}".Split(' ');
        return ToolCatalog.Tools.Where(tool => tool.Cues.Intersect(words).Any()).Select(tool => tool.ClassName).Take(2);
    }

    private static int RunsPerMonth(string requirement)
    {
        var text = requirement.ToLowerInvariant();
        return text.Contains("hourly", StringComparison.Ordinal) || text.Contains("every hour", StringComparison.Ordinal) ? 720
            : text.Contains("weekly", StringComparison.Ordinal) || text.Contains("every week", StringComparison.Ordinal) ? 4
            : text.Contains("monthly", StringComparison.Ordinal) || text.Contains("quarterly", StringComparison.Ordinal) ? 1
            : 30;
    }

    private static string Sentence(IReadOnlyList<Capability> capabilities)
    {
        var phrases = capabilities.Select(c => $"{c.Verb} {c.Subject}").ToList();
        return phrases.Count == 1 ? phrases[0] : $"{string.Join(", ", phrases[..^1])} and {phrases[^1]}";
    }

    private sealed class UniqueNames(IEnumerable<string>? taken = null)
    {
        private readonly HashSet<string> names = [.. taken ?? []];

        public string Claim(string name)
        {
            var candidate = name;
            for (var n = 2; !names.Add(candidate); n++)
            {
                candidate = $"{name}_{n}";
            }

            return candidate;
        }
    }
}
