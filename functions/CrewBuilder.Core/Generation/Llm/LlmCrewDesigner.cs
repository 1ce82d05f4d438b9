using System.Text.Json;
using CrewBuilder.Core.Generation.Template;
using CrewBuilder.Core.Generation.Workflow;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>
/// Designs a crew with a language model, one step at a time, each answer a JSON object that is checked and then
/// shaped into the same records template mode makes, so everything after design works the same in both modes.
/// </summary>
public sealed class LlmCrewDesigner(LlmClient llm)
{
    private const int MaxAgents = 5;

    public async Task<RequirementAnalysis> AnalyseAsync(LlmTarget target, string requirement, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(target, """
            [step:analyse] You design CrewAI multi-agent crews. Read the business requirement and answer with JSON:
            {"title": short project title, "summary": one sentence of what the crew will do,
             "capabilities": 2 to 5 items, each {"verb": one lowercase verb, "subject": 1-3 lowercase words} — the distinct jobs the crew must do, in order}
            """, requirement, cancellationToken);
        var capabilities = Items(answer, "capabilities").Select(item => new Capability(Word(item, "verb"), Words(item, "subject"))).Take(MaxAgents).ToList();
        if (capabilities.Count == 0)
        {
            throw Invalid();
        }

        var title = Text(answer, "title");
        return new RequirementAnalysis(requirement, title, Naming.PythonIdentifier(title + " crew", "crew"), Text(answer, "summary"), capabilities);
    }

    public async Task<AgentRoster> DesignAgentsAsync(LlmTarget target, RequirementAnalysis analysis, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(target, """
            [step:design-agents] You design the agents of a CrewAI crew: exactly one agent per capability, in the same order.
            Answer with JSON: {"agents": [{"role": 2-4 words, "goal": one sentence, "backstory": two sentences}]}
            """, JsonSerializer.Serialize(new { analysis.Requirement, analysis.Summary, analysis.Capabilities }), cancellationToken);
        var agents = Items(answer, "agents");
        if (agents.Count != analysis.Capabilities.Count)
        {
            throw Invalid();
        }

        var taken = new HashSet<string>();
        return new AgentRoster([.. agents.Select((agent, index) => new AgentDesign(
            Unique(taken, Naming.PythonIdentifier(Text(agent, "role"), "agent")),
            Text(agent, "role"),
            Text(agent, "goal"),
            Text(agent, "backstory"),
            index == 0 ? [TemplateCrewDesigner.KnowledgeSearchTool] : []))]);
    }

    public async Task<TaskPlan> DesignTasksAsync(LlmTarget target, RequirementAnalysis analysis, AgentRoster roster, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(target, """
            [step:design-tasks] You write the tasks of a CrewAI crew: exactly one task per agent, in the same order; each builds on the one before.
            Answer with JSON: {"tasks": [{"description": what to do, may use {requirement}, "expected_output": what the result looks like}]}
            """, JsonSerializer.Serialize(new { analysis.Requirement, Agents = roster.Agents.Select(agent => new { agent.Role, agent.Goal }) }), cancellationToken);
        var tasks = Items(answer, "tasks");
        if (tasks.Count != roster.Agents.Count)
        {
            throw Invalid();
        }

        var taken = roster.Agents.Select(agent => agent.Key).ToHashSet();
        var designed = new List<TaskDesign>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var capability = analysis.Capabilities[i];
            designed.Add(new TaskDesign(
                Unique(taken, Naming.PythonIdentifier($"{capability.Verb} {capability.Subject}", "task")),
                Text(tasks[i], "description"),
                Text(tasks[i], "expected_output"),
                roster.Agents[i].Key,
                i == 0 ? [] : [designed[i - 1].Key],
                i == tasks.Count - 1 ? "output/report.md" : null));
        }

        return new TaskPlan("sequential", designed);
    }

    private async Task<JsonElement> AskAsync(LlmTarget target, string instructions, string input, CancellationToken cancellationToken)
    {
        var text = await llm.CompleteJsonAsync(target, instructions, input, cancellationToken);
        try
        {
            var start = text.IndexOf('{', StringComparison.Ordinal);
            var end = text.LastIndexOf('}');
            return start >= 0 && end > start ? JsonDocument.Parse(text[start..(end + 1)]).RootElement.Clone() : throw Invalid();
        }
        catch (JsonException)
        {
            throw Invalid();
        }
    }

    private static List<JsonElement> Items(JsonElement answer, string name) =>
        answer.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : [];

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text
            ? text
            : throw Invalid();

    private static string Word(JsonElement item, string name) => Text(item, name).ToLowerInvariant().Split(' ')[0];

    private static string Words(JsonElement item, string name) => string.Join(' ', Text(item, name).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));

    private static string Unique(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }

        return candidate;
    }

    private static GenerationFailedException Invalid() => new("The model's answer did not have the expected shape; please try again.");
}
