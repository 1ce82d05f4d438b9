using CrewBuilder.Core.Generation.Design;
using CrewBuilder.Core.Generation.Template.Gloss;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// The deterministic designer of template mode: the same requirement always yields the same crew. The requirement is
/// read as clauses (<see cref="ClauseReader"/>), turned into 2 to 7 distinct jobs (<see cref="JobPlanner"/>), started
/// from the gallery's worked design when it is in one of its domains, and named after its main object and activity.
/// </summary>
public sealed class TemplateCrewDesigner
{
    private const int MaxPackageNameLength = 40;
    private const int MaxCatalogToolsPerAgent = 2;
    private const int LongChain = 5;
    private const int RoleWords = 3;

    public RequirementAnalysis Analyse(string requirement)
    {
        var english = EnglishGloss.Of(requirement);
        var (clauses, schedule) = ClauseReader.Read(english);
        var worked = WorkedDesign.Match(english);
        var jobs = JobCompanions.Complete(JobPlanner.Plan(clauses), worked, RequirementText.Tokens(english), schedule);
        var said = jobs.Where(job => !job.Implied).DefaultIfEmpty(jobs[0]).ToList();
        // A crew that only fetches and delivers is named for what it delivers ("Stock Level Update"), not for its intake.
        var main = said.Any(job => job.Clause.Sense.Kind == JobKind.Work) ? said.MaxBy(job => job.Clause.Sense.Weight)! : said[^1];
        // A long chain is named for what flows through it ("Invoice Processing"), not for one of its many steps.
        var title = said.Count >= LongChain
            ? JobNames.CrewTitle(Subject(said[0].Clause.Object), "Processing")
            : JobNames.CrewTitle(Subject(main.Clause.Object), main.Clause.Sense.Activity);
        var capabilities = jobs.Select(job => new Capability(
            job.Clause.Sense.Verb, ReadSubject(job.Clause), job.Clause.Action, [.. job.Clause.Sources.Distinct()], [.. job.Clause.Destinations.Distinct()],
            job.Clause.Schedule, job.Clause.Quantity)).ToList();
        return new RequirementAnalysis(
            requirement, title, PackageName(title), CrewSentences.Summary(capabilities), capabilities,
            [.. IntegrationCatalog.Match(requirement).Select(system => system.Name)], [.. jobs.Select(job => string.Join("; ", job.Points))],
            Schedules.RunsPerMonth(schedule));
    }

    public FeasibilityReport AssessIntegrations(string requirement) => new(IntegrationCatalog.Match(requirement));

    /// <summary>
    /// One agent per job, named after its object and its doer ("Payout Matcher"), with the worked design's knowledge and
    /// tools where the requirement is in a gallery domain. The first agent searches the knowledge folder; each external
    /// system's API tool goes to the agents whose job names it (any left over are handed out in turn).
    /// </summary>
    public AgentRoster DesignAgents(RequirementAnalysis analysis, FeasibilityReport feasibility)
    {
        var worked = WorkedDesign.Match(analysis.Requirement);
        var apiTools = feasibility.Integrations.Select(ApiTools.For).ToList();
        var roles = analysis.Capabilities.Select(job => JobNames.Role(job.Subject, VerbLexicon.Find(job.Verb)?.AgentNoun ?? "Specialist")).ToList();
        var keys = new UniqueNames();
        var agents = analysis.Capabilities.Select((job, index) => new AgentDesign(
            Key: keys.Claim(Naming.PythonIdentifier(roles[index], "agent")),
            Role: roles[index],
            Goal: CrewSentences.Goal(job, index + 1 < roles.Count ? roles[index + 1] : null),
            Backstory: CrewSentences.Backstory(job, roles[index], Worked(worked, job)),
            Tools: [.. new[] { index == 0 ? ToolCatalog.KnowledgeSearch : null }.OfType<string>()
                .Concat(Worked(worked, job)?.Tools ?? []).Concat(CatalogToolsFor(job))
                .Concat(ApiToolsFor(job, index, analysis.Capabilities, feasibility, apiTools)).Distinct()])).ToList();
        return new AgentRoster(agents, "sequential", "each job builds on the one before, in the order the requirement gives them", apiTools);
    }

    public TaskPlan DesignTasks(RequirementAnalysis analysis, AgentRoster roster)
    {
        var keys = new UniqueNames(roster.Agents.Select(agent => agent.Key));
        var points = analysis.RequirementPoints;
        var tasks = new List<TaskDesign>();
        for (var i = 0; i < analysis.Capabilities.Count; i++)
        {
            var job = analysis.Capabilities[i];
            var point = points.Count == analysis.Capabilities.Count ? points[i] : $"{job.Verb} {job.Subject}";
            tasks.Add(new TaskDesign(
                Key: keys.Claim(Naming.PythonIdentifier($"{job.Verb} {job.Subject}", "task") is var key && key.Length > Naming.MaxKeyLength ? key[..Naming.MaxKeyLength].TrimEnd('_') : key),
                Description: CrewSentences.Description(job, point, i == 0 ? null : roster.Agents[i - 1].Role),
                ExpectedOutput: CrewSentences.ExpectedOutput(job, i == analysis.Capabilities.Count - 1),
                Agent: roster.Agents[i].Key,
                Context: i == 0 ? [] : [tasks[i - 1].Key],
                OutputFile: i == analysis.Capabilities.Count - 1 ? "output/report.md" : null,
                Covers: points.Count == analysis.Capabilities.Count ? [i] : [.. Enumerable.Range(0, points.Count).Where(p => p % analysis.Capabilities.Count == i)]));
        }

        return new TaskPlan(tasks);
    }

    private static string Subject(NounPhrase phrase) => Sentence.Join(phrase.Words);

    /// <summary>
    /// What a job that reads one named system brings in, named with the system when the name stays short: "pull new
    /// orders from Shopify" is the "new Shopify orders" job, whose agent is the "Shopify Order Collector".
    /// </summary>
    private static string ReadSubject(ReadClause clause)
    {
        var words = clause.Object.Words.ToList();
        if (clause.Sense.Kind != JobKind.Read || clause.Object.Systems.Count > 0 || clause.Object.IsList
            || clause.Sources.Distinct().Where(source => IntegrationCatalog.Match(source).Count > 0).ToList() is not [var system]
            || clause.Object.NameWords(RoleWords).Count + system.Split(' ').Length > RoleWords)
        {
            return Subject(clause.Object);
        }

        var head = words.FindIndex(word => !WordClasses.Qualifiers.Contains(word.ToLowerInvariant()) && !WordClasses.Determiners.Contains(word.ToLowerInvariant()));
        words.Insert(Math.Max(head, 0), system);
        return Sentence.Join(words);
    }

    private static WorkedJob? Worked(WorkedDesign? worked, Capability job) => VerbLexicon.Find(job.Verb) is { } sense ? worked?.For(sense.Family) : null;

    private static string PackageName(string title)
    {
        var name = Naming.PythonIdentifier(title, "crew");
        name = name.Length > MaxPackageNameLength ? name[..MaxPackageNameLength].TrimEnd('_') : name;
        return Naming.IsReservedScriptName(name) ? $"my_{name}" : name;
    }

    private static IEnumerable<string> CatalogToolsFor(Capability job)
    {
        var words = RequirementText.Tokens($"{job.Verb} {job.Subject} {job.Action}").Select(word => word.ToLowerInvariant()).ToHashSet();
        return ToolCatalog.Tools.Where(tool => tool.Cues.Any(words.Contains)).Select(tool => tool.ClassName).Take(MaxCatalogToolsPerAgent);
    }

    /// <summary>The API tools of the systems a job names; a system no job names goes to the agents in turn.</summary>
    private static IEnumerable<string> ApiToolsFor(Capability job, int index, IReadOnlyList<Capability> jobs, FeasibilityReport feasibility, List<CustomTool> tools)
    {
        bool Names(Capability candidate, IntegrationAssessment system) =>
            IntegrationCatalog.Match($"{candidate.Action} {candidate.Subject} {string.Join(' ', candidate.Sources ?? [])} {string.Join(' ', candidate.Destinations ?? [])}").Contains(system);

        return feasibility.Integrations.Select((system, toolIndex) => (system, toolIndex))
            .Where(item => Names(job, item.system) || (!jobs.Any(other => Names(other, item.system)) && item.toolIndex % jobs.Count == index))
            .Select(item => tools[item.toolIndex].Name);
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
