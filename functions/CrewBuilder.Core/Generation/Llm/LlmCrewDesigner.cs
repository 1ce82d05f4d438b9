using System.Text.Json;
using System.Text.Json.Nodes;
using CrewBuilder.Core.Generation.Design;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Core.Generation.Template;
using static CrewBuilder.Core.Generation.Llm.JsonSchema;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>
/// Designs a crew with a language model, one step at a time. Each step asks for an answer that satisfies a JSON
/// schema, checks it against the rules the project must keep (names that bind, dependencies that run earlier, every
/// requirement point answered) and shapes it into the records template mode makes too, so the writers need not know
/// which designed the crew. A broken answer is asked again with what was wrong.
/// </summary>
public sealed class LlmCrewDesigner(StructuredAnswers answers)
{
    private const int MinAgents = 2;
    private const int MaxAgents = 7;

    public Task<RequirementAnalysis> AnalyseAsync(LlmTarget target, string requirement, CancellationToken cancellationToken) =>
        answers.AskAsync(target, new StructuredRequest(GenerationSteps.Analyse, """
            [step:analyse] You design CrewAI multi-agent crews. Read the business requirement (and any clarification
            that follows it) and say what the crew must do: its distinct jobs in order, the external systems it must
            touch, the points a finished crew must satisfy, and how often it will run.
            """, requirement, Object(
                ("title", String("A short project title, 2-5 words.")),
                ("summary", String("One sentence: what the crew will do.")),
                ("capabilities", Array(Object(("verb", String("One lowercase verb.")), ("subject", String("1-3 lowercase words."))), "The crew's 2-7 distinct jobs, in order.")),
                ("integrations", Strings("External systems the requirement names (products or APIs), or empty.")),
                ("requirement_points", Strings("2-10 short, testable points the finished crew must satisfy.")),
                ("runs_per_month", Integer("How many times a month the crew will likely run."))), MaxTokens: 1500),
            answer =>
            {
                var capabilities = Items(answer, "capabilities").Select(item => new Capability(Word(item, "verb"), Words(item, "subject"))).ToList();
                Require(capabilities.Count is >= 1 and <= MaxAgents, $"'capabilities' must list 1 to {MaxAgents} jobs; the answer lists {capabilities.Count}.");
                var points = TextList(answer, "requirement_points");
                Require(points.Count is >= 1 and <= 10, $"'requirement_points' must list 1 to 10 points; the answer lists {points.Count}.");
                var title = Text(answer, "title");
                return new RequirementAnalysis(
                    requirement, title, PackageName(title), Text(answer, "summary"), capabilities, TextList(answer, "integrations"), points,
                    Math.Clamp(answer.TryGetProperty("runs_per_month", out var runs) && runs.TryGetInt32(out var n) ? n : 30, 1, 50_000));
            }, cancellationToken);

    /// <summary>
    /// Assesses the <paramref name="systems"/> named (the workflow asks for each system apart, side by side). It reads the
    /// requirement, not its analysis, as a system the requirement names is assessed while the analysis is being made.
    /// </summary>
    public async Task<FeasibilityReport> AssessIntegrationsAsync(
        LlmTarget target, string requirement, IReadOnlyList<string> systems, CancellationToken cancellationToken) =>
        systems.Count == 0
            ? FeasibilityReport.None
            : await answers.AskAsync(target, new StructuredRequest(GenerationSteps.Feasibility, """
                [step:feasibility] For each external system, assess how a Python crew can integrate with it today:
                whether it has a public API, how it authenticates, its pricing model, the key endpoints the crew
                needs, its rate limits, alternatives, feasibility (high/medium/low), an estimated monthly cost in US
                dollars at the crew's volume, and the environment variables the crew will need (UPPER_SNAKE_CASE; the
                first one the API's base URL, named *_URL).
                """, JsonSerializer.Serialize(new { requirement, details = new { systems } }), Object(("integrations", Array(Object(
                    ("name", String("The system.")),
                    ("api_available", Boolean("Whether a public API exists.")),
                    ("auth_method", String("How a client authenticates.")),
                    ("pricing_model", String("How API use is priced.")),
                    ("key_endpoints", Strings("The endpoints the crew needs, as 'METHOD /path'.")),
                    ("rate_limits", String("The documented limits.")),
                    ("alternatives", Strings("Other systems that could do the job.")),
                    ("feasibility", Enum("How feasible the integration is.", "high", "medium", "low")),
                    ("estimated_monthly_cost_usd", Number("Estimated monthly cost at the crew's volume.")),
                    ("env_vars", EnvNameList("Environment variables the crew needs, UPPER_SNAKE_CASE; the API's base URL first, named *_URL.")),
                    ("base_url", NullableString("The API's documented base URL (https), as its key endpoints are relative to it; null when it has none."))), "One entry per system."))), MaxTokens: 3000),
                answer => new FeasibilityReport([.. Items(answer, "integrations").Select(item => new IntegrationAssessment(
                    Text(item, "name"), item.TryGetProperty("api_available", out var api) && api.ValueKind == JsonValueKind.True,
                    Text(item, "auth_method"), Text(item, "pricing_model"), TextList(item, "key_endpoints"), Text(item, "rate_limits"),
                    TextList(item, "alternatives"), OneOf(item, "feasibility", "high", "medium", "low"),
                    Math.Max(0, item.TryGetProperty("estimated_monthly_cost_usd", out var cost) && cost.TryGetDecimal(out var usd) ? usd : 0),
                    EnvNames(item, "env_vars"), BaseUrl(item)))]),
                cancellationToken);

    public Task<AgentRoster> DesignAgentsAsync(LlmTarget target, RequirementAnalysis analysis, FeasibilityReport feasibility, CancellationToken cancellationToken) =>
        answers.AskAsync(target, new StructuredRequest(GenerationSteps.DesignAgents, $"""
            [step:design-agents] You are the architect of a CrewAI crew. Choose the process (sequential unless a manager
            must route work between specialists) and say why. Design {MinAgents}-{MaxAgents} agents (name in snake_case,
            role, goal, backstory, tools, whether it may delegate, and the model it needs: standard, or advanced for
            judgement and long synthesis). An agent's tools are names from this catalog of
            crewai_tools: {string.Join(", ", ToolCatalog.Tools.Select(tool => $"{tool.ClassName} ({tool.Purpose})"))};
            or "{ToolCatalog.KnowledgeSearch}" (searches the project's knowledge folder); or custom tools you define
            for systems the catalog does not reach (snake_case name, arguments, the environment variables it reads).
            """, Input(analysis, new { feasibility.Integrations }), Object(
                ("process", Enum("How tasks are run.", "sequential", "hierarchical")),
                ("rationale", String("Why this process and these agents, in one sentence.")),
                ("agents", Array(Object(
                    ("name", SnakeName("snake_case identifier.")), ("role", String("2-4 words.")), ("goal", String("One sentence.")),
                    ("backstory", String("Two sentences.")), ("tools", Strings("Tool names.")), ("allow_delegation", Boolean("May hand work to others.")),
                    ("model", Enum("Which model the agent needs: standard for routine work, advanced for judgement or long synthesis.", "standard", "advanced"))), "The agents.")),
                ("custom_tools", Array(Object(
                    ("name", SnakeName("snake_case identifier.")), ("description", String("What the tool does, for the agent.")),
                    ("arguments", Array(Object(
                        ("name", SnakeName("snake_case identifier.")), ("type", Enum("The type.", "string", "integer", "number", "boolean")),
                        ("description", String("What to pass.")), ("required", Boolean("Whether it must be given."))), "The tool's arguments.")),
                    ("env_vars", EnvNameList($"UPPER_SNAKE_CASE variables it reads. {ToolKinds.ConnectionRule}"))), "Tools to write."))), MaxTokens: 4000),
            answer => Roster(answer, feasibility), cancellationToken);

    public Task<TaskPlan> DesignTasksAsync(LlmTarget target, RequirementAnalysis analysis, AgentRoster roster, CancellationToken cancellationToken) =>
        answers.AskAsync(target, new StructuredRequest(GenerationSteps.DesignTasks, """
            [step:design-tasks] You write the tasks of a CrewAI crew, in the order they run. Each has a snake_case name,
            a description (it may use {requirement}), the expected output, the agent that does it, the earlier tasks
            whose output it needs (context), an optional output file under output/, and the indexes of the requirement
            points its expected output answers. Every requirement point must be answered by at least one task.
            """, Input(analysis, new
            {
                requirement_points = analysis.RequirementPoints.Select((point, index) => new { index, point }),
                agents = roster.Agents.Select(agent => new { name = agent.Key, agent.Role, agent.Goal }),
            }), Object(("tasks", Array(Object(
                ("name", SnakeName("snake_case identifier, not an agent's name.")), ("description", String("What to do.")),
                ("expected_output", String("What the result looks like.")), ("agent", String("The name of the agent that does it.")),
                ("context", Strings("Names of earlier tasks it builds on.")), ("output_file", NullableString("A path under output/, or null.")),
                ("covers", Integers("Indexes of the requirement points it answers."))), "The tasks, in order."))), MaxTokens: 4000),
            answer => Tasks(answer, analysis, roster), cancellationToken);

    /// <summary>
    /// The body of one custom tool's <c>_run</c>: each tool is asked for apart, so the tools' bodies are written side by
    /// side. Null when the model leaves a tool with a built-in body to it.
    /// </summary>
    public Task<string?> WriteToolBodyAsync(LlmTarget target, RequirementAnalysis analysis, CustomTool tool, CancellationToken cancellationToken) =>
        answers.AskAsync(target, CodeRequest(analysis, [tool], [], []), answer =>
        {
            var body = Named(answer, "tools", "tool body", [tool.Name]).TryGetValue(tool.Name, out var written) ? Text(written, "run_body") : null;
            Require(body is not null || ToolKinds.HasDefaultBody(tool), $"Write the run_body of {Quoted(tool.Name)}: {ToolKinds.BodyRule}");
            return body;
        }, cancellationToken);

    /// <summary>
    /// A repair round of the code step: rewrites the tools and revises the tasks the review's findings concern. Nothing
    /// to ask without findings: the tools' bodies were written one by one (<see cref="WriteToolBodyAsync"/>).
    /// </summary>
    public async Task<CrewDesign> WriteCodeAsync(LlmTarget target, CrewDesign design, IReadOnlyList<string> findings, CancellationToken cancellationToken)
    {
        if (findings.Count == 0)
        {
            return design;
        }

        return await answers.AskAsync(target, CodeRequest(design.Analysis, design.Roster.Tools, design.Plan.Tasks, findings), answer => Revised(answer, design), cancellationToken);
    }

    private static StructuredRequest CodeRequest(
        RequirementAnalysis analysis, IEnumerable<CustomTool> tools, IEnumerable<TaskDesign> tasks, IReadOnlyList<string> findings) =>
        new(GenerationSteps.WriteCode, """
            [step:write-code] You write Python for a CrewAI crew. For each custom tool, write the body of its
            `_run(self, <arguments>) -> str` method: standard library only (os, json, urllib), credentials from the
            environment variables it lists (never in code), errors returned as text, not raised. If findings from a
            review are given, fix them: rewrite the tools concerned and revise tasks (description, expected output) so
            that every requirement point is answered. Return only what you change.
            """, Input(analysis, new
            {
                tools = tools.Select(tool => new { tool.Name, tool.Description, tool.Arguments, tool.EnvVars }),
                tasks = tasks.Select(task => new { name = task.Key, task.Description, expected_output = task.ExpectedOutput }),
                findings,
            }), Object(
                ("tools", Array(Object(("name", String("The tool.")), ("run_body", String("Python statements, 4-space indents, no def line."))), "Tool bodies.")),
                ("tasks", Array(Object(("name", String("The task.")), ("description", String("Revised description.")),
                    ("expected_output", String("Revised expected output."))), "Revised tasks, if any."))), MaxTokens: 6000);

    /// <summary>The model's judgement of the design; it runs beside the deterministic checks, whose problems the report adds.</summary>
    public Task<ModelReview> ReviewAsync(LlmTarget target, CrewDesign design, CancellationToken cancellationToken) =>
        answers.AskAsync(target, new StructuredRequest(GenerationSteps.Review, """
            [step:review] You review a generated CrewAI crew. Judge whether it does what the requirement asks and whether
            it follows CrewAI practice (focused agents, tasks with concrete expected outputs, tools only where needed).
            Verdict "pass" if it is ready to run, else "revise" with specific, fixable findings.
            """, Input(design.Analysis, new
            {
                process = design.Process,
                agents = design.Roster.Agents.Select(agent => new { name = agent.Key, agent.Role, agent.Goal, agent.Tools }),
                tasks = design.Plan.Tasks.Select(task => new { name = task.Key, task.Agent, task.ExpectedOutput, task.Context }),
            }), Object(
                ("verdict", Enum("Whether the crew is ready.", "pass", "revise")),
                ("alignment", String("Two sentences on how well the crew meets the requirement.")),
                ("findings", Strings("Specific problems to fix; empty when it passes."))), MaxTokens: 2000),
            answer => new ModelReview(OneOf(answer, "verdict", "pass", "revise"), Text(answer, "alignment"), TextList(answer, "findings")),
            cancellationToken);

    private static string Input(RequirementAnalysis analysis, object details) =>
        JsonSerializer.Serialize(new { requirement = analysis.Requirement, title = analysis.Title, details });

    private static AgentRoster Roster(JsonElement answer, FeasibilityReport feasibility)
    {
        // A tool the answer defines twice is one tool: the first definition stands.
        var tools = Items(answer, "custom_tools").Select(item => new CustomTool(
            Identifier(item, "name"), Text(item, "description"),
            [.. Items(item, "arguments").Select(argument => new ToolArgument(
                Identifier(argument, "name"), OneOf(argument, "type", "string", "integer", "number", "boolean"), Text(argument, "description"),
                argument.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True)).DistinctBy(argument => argument.Name)],
            EnvNames(item, "env_vars"))).DistinctBy(tool => tool.Name).Select(tool => WithItsSystem(tool, feasibility)).ToList();
        foreach (var tool in tools)
        {
            Require(tool.Name != ToolCatalog.KnowledgeSearch, $"The custom tool '{tool.Name}' takes the name of the built-in knowledge_search; name it after what it does.");
            Require(ToolKinds.KnowsWhereToConnect(tool), $"The custom tool '{tool.Name}' reads {Listed(tool.EnvVars)}: {ToolKinds.ConnectionRule}");
        }

        var known = new NameBook(tools.Select(tool => tool.Name).Append(ToolCatalog.KnowledgeSearch).Concat(ToolCatalog.Tools.Select(tool => tool.ClassName)));
        var agents = Items(answer, "agents").Select(item =>
        {
            var agentTools = TextList(item, "tools").Select(tool => (Reference: tool, Name: known.Resolve(tool))).ToList();
            var unknown = agentTools.Where(tool => tool.Name is null).Select(tool => tool.Reference).ToList();
            Require(unknown.Count == 0, $"Unknown tools {Listed(unknown)}: use catalog names, knowledge_search or a custom tool you define.");
            return new AgentDesign(Identifier(item, "name"), Text(item, "role"), Text(item, "goal"), Text(item, "backstory"), agentTools.Select(tool => tool.Name!).Distinct().ToList(),
                item.TryGetProperty("allow_delegation", out var delegates) && delegates.ValueKind == JsonValueKind.True,
                OneOf(item, "model", "standard", "advanced") == "advanced");
        }).ToList();
        Require(agents.Count is >= MinAgents and <= MaxAgents, $"Design {MinAgents} to {MaxAgents} agents; the answer has {agents.Count}.");
        var repeated = agents.GroupBy(agent => agent.Key).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Require(repeated.Count == 0, $"Two agents are named {Listed(repeated)}; give each agent its own name.");
        return new AgentRoster(agents, OneOf(answer, "process", "sequential", "hierarchical"), Text(answer, "rationale"), tools);
    }

    private static TaskPlan Tasks(JsonElement answer, RequirementAnalysis analysis, AgentRoster roster)
    {
        var agents = new NameBook(roster.Agents.Select(agent => agent.Key));
        foreach (var agent in roster.Agents)
        {
            agents.Add(agent.Role, agent.Key);
        }

        var earlier = new NameBook([]);
        var tasks = new List<TaskDesign>();
        foreach (var item in Items(answer, "tasks"))
        {
            var name = Identifier(item, "name");
            var agentReference = Text(item, "agent");
            // An agent and a task become methods of one crew class, so they cannot share a name.
            Require(roster.Agents.All(agent => agent.Key != name), $"The task name '{name}' is an agent's name; name tasks after what they do.");
            if (earlier.Resolve(name) is not null)
            {
                continue; // the same task listed again: the first stands
            }

            var agent = agents.Resolve(agentReference);
            Require(agent is not null, $"The task '{name}' names the agent {Quoted(agentReference)}; agents are {Listed(roster.Agents.Select(a => a.Key))}.");
            var context = TextList(item, "context").Select(reference => (Reference: reference, Name: earlier.Resolve(reference))).ToList();
            var later = context.Where(task => task.Name is null).Select(task => task.Reference).ToList();
            Require(later.Count == 0, $"The task '{name}' builds on {Listed(later)}, which do not run before it.");
            var covers = item.TryGetProperty("covers", out var indexes) && indexes.ValueKind == JsonValueKind.Array
                ? indexes.EnumerateArray().Where(index => index.TryGetInt32(out var i) && i >= 0 && i < analysis.RequirementPoints.Count).Select(index => index.GetInt32()).Distinct().ToList()
                : [];
            var file = item.TryGetProperty("output_file", out var path) && path.ValueKind == JsonValueKind.String ? path.GetString() : null;
            tasks.Add(new TaskDesign(name, Text(item, "description"), Text(item, "expected_output"), agent!, [.. context.Select(task => task.Name!).Distinct()], SafeOutputFile(file), covers));
            earlier.Add(name, name);
        }

        Require(tasks.Count > 0, "List at least one task.");
        var unanswered = analysis.RequirementPoints.Where((_, index) => !tasks.Any(task => task.Answers(index))).ToList();
        Require(unanswered.Count == 0, $"No task answers these requirement points: {string.Join("; ", unanswered.Select(Quoted))}.");
        return new TaskPlan(tasks);
    }

    private static CrewDesign Revised(JsonElement answer, CrewDesign design)
    {
        var bodies = Named(answer, "tools", "tool body", design.Roster.Tools.Select(tool => tool.Name)).ToDictionary(pair => pair.Key, pair => Text(pair.Value, "run_body"));
        var revisions = Named(answer, "tasks", "task revision", design.Plan.Tasks.Select(task => task.Key));
        var unwritten = design.Roster.Tools.Where(tool => tool.RunBody is null && !bodies.ContainsKey(tool.Name) && !ToolKinds.HasDefaultBody(tool)).Select(tool => tool.Name).ToList();
        Require(unwritten.Count == 0, $"Write the run_body of {Listed(unwritten)}: {ToolKinds.BodyRule}");
        return design with
        {
            Roster = design.Roster with { CustomTools = [.. design.Roster.Tools.Select(tool => bodies.TryGetValue(tool.Name, out var body) ? tool with { RunBody = body } : tool)] },
            Plan = new TaskPlan([.. design.Plan.Tasks.Select(task => revisions.TryGetValue(task.Key, out var revised)
                ? task with { Description = Text(revised, "description"), ExpectedOutput = Text(revised, "expected_output") }
                : task)]),
        };
    }

    /// <summary>A tool reading a system's base URL variable calls that system: its documented base URL is the tool's default.</summary>
    private static CustomTool WithItsSystem(CustomTool tool, FeasibilityReport feasibility) =>
        ToolKinds.BaseUrlVariable(tool) is { } variable && feasibility.Integrations.FirstOrDefault(system => system.EnvVars.Contains(variable)) is { } system
            ? tool with { BaseUrl = system.BaseUrl, Auth = system.Auth }
            : tool;

    /// <summary>The base URL an answer gives, when it is an https address with no credentials in it.</summary>
    private static string? BaseUrl(JsonElement item) =>
        item.TryGetProperty("base_url", out var value) && value.ValueKind == JsonValueKind.String
        && Uri.TryCreate(Naming.Unquote(value.GetString()!), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && url.UserInfo.Length == 0
        && url.AbsoluteUri.Length <= 200
            ? url.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;

    /// <summary>
    /// The entries of an array property by the canonical name each refers to, however spelled; an entry listed twice is
    /// revised by the later one.
    /// </summary>
    private static Dictionary<string, JsonElement> Named(JsonElement answer, string property, string what, IEnumerable<string> names)
    {
        var known = names.ToList();
        var book = new NameBook(known);
        var entries = new Dictionary<string, JsonElement>();
        foreach (var item in Items(answer, property))
        {
            var reference = Text(item, "name");
            var name = book.Resolve(reference);
            Require(name is not null, $"A {what} names {Quoted(reference)}; the crew has {Listed(known)}.");
            entries[name!] = item;
        }

        return entries;
    }

    private static string? SafeOutputFile(string? path) =>
        path is not null && path.StartsWith("output/", StringComparison.Ordinal) && !path.Contains("..", StringComparison.Ordinal)
        && path.Length <= 100 && path.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '_' or '-' or '.')
            ? path
            : null;

    private static string PackageName(string title) => Naming.Key(Naming.EndingIn(title, "crew"), "crew");

    /// <summary>The objects of an array property; entries of any other kind are not the shape asked for and are left out.</summary>
    private static List<JsonElement> Items(JsonElement answer, string name) => [.. Entries(answer, name).Where(item => item.ValueKind == JsonValueKind.Object)];

    private static List<string> TextList(JsonElement answer, string name) =>
        [.. Entries(answer, name).Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!.Trim()).Where(text => text.Length > 0)];

    private static List<JsonElement> Entries(JsonElement answer, string name) =>
        answer.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : [];

    private static List<string> EnvNames(JsonElement item, string name)
    {
        var written = TextList(item, name);
        var bad = written.Where(text => !IsEnvName(Naming.EnvName(text))).ToList();
        Require(bad.Count == 0, $"'{name}' must hold UPPER_SNAKE_CASE names (letters, digits, underscores, a letter first); {Listed(bad)} {(bad.Count == 1 ? "is" : "are")} not.");
        return [.. written.Select(Naming.EnvName).Distinct()];
    }

    private static bool IsEnvName(string name) =>
        name.Length is > 0 and <= 64 && char.IsAsciiLetterUpper(name[0]) && name.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch) || ch == '_');

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text
            ? text
            : throw new InvalidAnswerException($"'{name}' must be a non-empty string.");

    private static string Identifier(JsonElement item, string name) => Naming.Key(Text(item, name), "item");

    private static string OneOf(JsonElement item, string name, params string[] allowed) =>
        Naming.Unquote(Text(item, name)).ToLowerInvariant() is var value && allowed.Contains(value)
            ? value
            : throw new InvalidAnswerException($"'{name}' must be one of {string.Join(", ", allowed)}; the answer has {Quoted(Text(item, name))}.");

    private static string Word(JsonElement item, string name) => Text(item, name).ToLowerInvariant().Split(' ')[0];

    private static string Words(JsonElement item, string name) => string.Join(' ', Text(item, name).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));

    /// <summary>A value of the answer, quoted in a message: cut short, so a long or odd value cannot flood it.</summary>
    private static string Quoted(string value) => $"'{(value.Length > 60 ? value[..60] + "…" : value)}'";

    private static string Listed(IEnumerable<string> values) => string.Join(", ", values.Select(Quoted));

    private static void Require(bool rule, string problem)
    {
        if (!rule)
        {
            throw new InvalidAnswerException(problem);
        }
    }
}
