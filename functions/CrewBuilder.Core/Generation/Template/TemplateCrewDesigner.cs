namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// The deterministic designer of template mode: the same requirement always yields the same crew,
/// with agents and tasks named after the work the requirement asks for.
/// </summary>
public sealed class TemplateCrewDesigner
{
    public const string KnowledgeSearchTool = "knowledge_search";
    private const int MaxPackageNameLength = 40;

    public RequirementAnalysis Analyse(string requirement)
    {
        var capabilities = RequirementReader.ReadCapabilities(requirement);
        var focus = capabilities[0].Subject;
        var packageName = Naming.PythonIdentifier($"{focus} crew", "crew");
        if (packageName.Length > MaxPackageNameLength)
        {
            packageName = packageName[..MaxPackageNameLength].TrimEnd('_');
        }

        var title = $"{Naming.Title(focus)} Crew";
        var summary = $"A crew of {capabilities.Count} AI agents that will {Sentence(capabilities)}.";
        return new RequirementAnalysis(requirement, title, packageName, summary, capabilities);
    }

    public AgentRoster DesignAgents(RequirementAnalysis analysis)
    {
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
                Tools: index == 0 ? [KnowledgeSearchTool] : []);
        }).ToList();
        return new AgentRoster(agents);
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
                OutputFile: isLast ? "output/report.md" : null));
        }

        return new TaskPlan("sequential", tasks);
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
