using System.Text.Json;
using System.Text.RegularExpressions;
using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Review;

/// <summary>
/// The structural checks crewai's JSON loader makes before it builds a JSON-first crew (<c>validate_crew_project</c>,
/// which <c>crewai deploy validate</c> runs): <c>crew.jsonc</c> and each <c>agents/&lt;name&gt;.jsonc</c> parse as JSONC
/// and hold only fields crewai knows, every agent named has its file and its role, goal and backstory, every task its
/// description, expected output and a loaded agent, context only names tasks defined before it, and every
/// <c>custom:&lt;name&gt;</c> tool has <c>tools/&lt;name&gt;.py</c> with a BaseTool subclass. Ours besides: each other tool
/// is a crewai_tools class of the catalog, and the crew's inputs fill every {placeholder}.
/// </summary>
public sealed partial class JsonCrewChecks
{
    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // The fields of crewai's Crew, Agent and Task models a JSON definition may set (the templates' and the common ones).
    private static readonly HashSet<string> CrewFields =
    [
        "name", "agents", "tasks", "process", "verbose", "memory", "planning", "planning_llm", "manager_llm", "manager_agent", "chat_llm",
        "function_calling_llm", "max_rpm", "cache", "knowledge_sources", "embedder", "output_log_file", "stream", "tracing",
        "security_config", "before_kickoff_callbacks", "after_kickoff_callbacks", "step_callback", "task_callback", "inputs",
    ];

    private static readonly string[] AgentText = ["role", "goal", "backstory"];

    /// <summary>The fields of an agent or a crew that name a model, which may be a Python reference resolved from the project folder.</summary>
    private static readonly string[] ModelFields = ["llm", "function_calling_llm", "manager_llm", "planning_llm", "chat_llm"];

    private static readonly string[] TaskRequired = ["name", "description", "expected_output"];

    private static readonly HashSet<string> AgentSettings =
    [
        "verbose", "allow_delegation", "max_iter", "max_tokens", "max_execution_time", "max_rpm", "memory", "cache",
        "respect_context_window", "max_retry_limit", "planning", "use_system_prompt",
    ];

    private static readonly HashSet<string> AgentFields =
    [
        "role", "goal", "backstory", "llm", "function_calling_llm", "tools", "guardrail", "step_callback", "guardrail_max_retries", "reasoning",
        "max_reasoning_attempts", "planning_config", "multimodal", "allow_code_execution", "code_execution_mode", "knowledge_sources",
        "knowledge_config", "inject_date", "date_format", "security_config", "settings", "type", .. AgentSettings,
    ];

    private static readonly HashSet<string> TaskFields =
    [
        "name", "description", "expected_output", "agent", "context", "output_file", "tools", "human_input", "async_execution", "guardrail",
        "guardrails", "guardrail_max_retries", "type", "condition", "output_json", "output_pydantic", "response_model", "converter_cls",
        "markdown", "input_files", "security_config",
    ];

    public static IReadOnlyList<ReviewCheck> Run(CrewDesign design, GeneratedProject project, string definition)
    {
        var parsing = new List<string>();
        var crew = Parse(project, definition, parsing);
        var agentNames = Strings(crew, "agents");
        var agents = agentNames.Distinct().ToDictionary(name => name, name => Parse(project, $"agents/{name}.jsonc", parsing, required: false));
        var tasks = crew?.TryGetProperty("tasks", out var list) == true && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        parsing.AddRange(Unsupported(crew, CrewFields, definition));
        foreach (var (name, agent) in agents.Where(pair => pair.Value is not null))
        {
            var path = $"agents/{name}.jsonc";
            parsing.AddRange(Unsupported(agent, AgentFields, path));
            parsing.AddRange(agent!.Value.TryGetProperty("settings", out var settings) ? Unsupported(settings, AgentSettings, $"{path}: settings") : []);
            parsing.AddRange(AgentText.Where(field => Text(agent, field) is null).Select(field => $"{path} has no {field}."));
        }

        foreach (var (task, index) in tasks.Select((task, index) => (task, index)))
        {
            parsing.AddRange(Unsupported(task, TaskFields, $"{definition}: tasks[{index}]"));
            parsing.AddRange(TaskRequired.Where(field => Text(task, field) is null)
                .Select(field => $"{definition}: tasks[{index}] has no {field}."));
        }

        return
        [
            new("JSON parses", parsing),
            new("Names bind", Bindings(project, definition, crew, agents, tasks)),
            new("Dependencies acyclic", Cycles(tasks)),
            new("Requirement traced", Untraced(design, tasks)),
        ];
    }

    private static JsonElement? Parse(GeneratedProject project, string path, List<string> problems, bool required = true)
    {
        if (project.Read(path) is not { } text)
        {
            if (required)
            {
                problems.Add($"{path} is missing.");
            }

            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, Jsonc);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }

            problems.Add($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            problems.Add($"{path} does not parse as JSONC (line {(e.LineNumber ?? 0) + 1}).");
        }

        return null;
    }

    private static IEnumerable<string> Unsupported(JsonElement? entry, HashSet<string> allowed, string path)
    {
        var unknown = entry?.ValueKind == JsonValueKind.Object
            ? entry.Value.EnumerateObject().Select(field => field.Name).Where(name => !allowed.Contains(name)).Order(StringComparer.Ordinal).ToList()
            : [];
        return unknown.Count > 0 ? [$"{path}: unsupported field(s): {string.Join(", ", unknown)}"] : [];
    }

    private static List<string> Bindings(
        GeneratedProject project, string definition, JsonElement? crew, Dictionary<string, JsonElement?> agents, List<JsonElement> tasks)
    {
        var problems = new List<string>();
        if (crew is null)
        {
            return problems;
        }

        if (agents.Count == 0)
        {
            problems.Add($"{definition}: 'agents' must be a non-empty list.");
        }

        problems.AddRange(agents.Where(pair => project.Read($"agents/{pair.Key}.jsonc") is null)
            .Select(pair => $"{definition} names the agent '{pair.Key}', but agents/{pair.Key}.jsonc does not exist."));
        if (tasks.Count == 0)
        {
            problems.Add($"{definition}: 'tasks' must be a non-empty list.");
        }

        var names = tasks.Select(task => Text(task, "name")).OfType<string>().ToList();
        problems.AddRange(names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => $"Two tasks are named '{group.Key}'."));
        foreach (var task in tasks)
        {
            if (Text(task, "agent") is { } agent && !agents.ContainsKey(agent))
            {
                problems.Add($"The task '{Text(task, "name")}' names the agent '{agent}', which is not in {definition}'s agents.");
            }

            problems.AddRange(Tools(project, $"the task '{Text(task, "name")}'", task));
        }

        foreach (var (name, agent) in agents.Where(pair => pair.Value is not null))
        {
            problems.AddRange(Tools(project, $"agents/{name}.jsonc", agent!.Value));
            problems.AddRange(ModelReferences(project, $"agents/{name}.jsonc", agent!.Value));
        }

        problems.AddRange(ModelReferences(project, definition, crew.Value));

        var inputs = crew.Value.TryGetProperty("inputs", out var given) && given.ValueKind == JsonValueKind.Object
            ? given.EnumerateObject().Select(input => input.Name).ToHashSet() : [];
        problems.AddRange(agents.Values.OfType<JsonElement>().SelectMany(agent => AgentText.Select(field => Text(agent, field)))
            .Concat(tasks.SelectMany(task => new[] { Text(task, "description"), Text(task, "expected_output") }))
            .OfType<string>().SelectMany(text => Placeholder().Matches(text).Select(match => match.Groups[1].Value))
            .Distinct().Where(name => !inputs.Contains(name))
            .Select(name => $"{{{name}}} is used, but {definition}'s inputs do not fill it (crewai run would stop to ask)."));
        return problems;
    }

    private static IEnumerable<string> Tools(GeneratedProject project, string owner, JsonElement entry)
    {
        foreach (var tool in Strings(entry, "tools"))
        {
            if (tool.StartsWith("custom:", StringComparison.Ordinal))
            {
                var name = tool["custom:".Length..];
                var file = Identifier().IsMatch(name) ? project.Read($"tools/{name}.py") : null;
                if (file is null)
                {
                    yield return $"{owner} uses '{tool}', but tools/{name}.py does not exist.";
                }
                else if (!BaseToolClass().IsMatch(file))
                {
                    yield return $"tools/{name}.py defines no BaseTool subclass for '{tool}'.";
                }
            }
            else if (!ToolCatalog.IsCatalogTool(tool))
            {
                yield return $"{owner} uses '{tool}', which is not a crewai_tools class CrewBuilder knows.";
            }
        }
    }

    /// <summary>
    /// A model named as <c>{"python": "module.NAME"}</c> is imported from the project folder by crewai's loader, and must be
    /// a value (not a class or function): the module must be there and set NAME.
    /// </summary>
    private static IEnumerable<string> ModelReferences(GeneratedProject project, string owner, JsonElement entry)
    {
        foreach (var field in ModelFields)
        {
            if (!entry.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Object
                || !value.TryGetProperty("python", out var reference) || reference.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var path = reference.GetString()!;
            var dot = path.LastIndexOf('.');
            var file = dot > 0 ? $"{path[..dot].Replace('.', '/')}.py" : null;
            if (file is null || project.Read(file) is not { } module)
            {
                yield return $"{owner}: {field} names '{path}', but {file ?? "no module"} is not in the project, where crewai looks for it.";
            }
            else if (!Regex.IsMatch(module, $@"^{Regex.Escape(path[(dot + 1)..])}\s*=", RegexOptions.Multiline))
            {
                yield return $"{owner}: {field} names '{path}', but {file} sets no {path[(dot + 1)..]}.";
            }
        }
    }

    /// <summary>crewai builds tasks in order and resolves context by name, so a task may only build on tasks before it.</summary>
    private static List<string> Cycles(List<JsonElement> tasks)
    {
        var earlier = new HashSet<string>();
        var problems = new List<string>();
        foreach (var task in tasks)
        {
            var name = Text(task, "name") ?? "";
            problems.AddRange(Strings(task, "context").Where(context => !earlier.Contains(context))
                .Select(context => context == name ? $"The task '{name}' depends on itself." : $"The task '{name}' depends on '{context}', which is not defined before it."));
            earlier.Add(name);
        }

        return problems;
    }

    private static List<string> Untraced(CrewDesign design, List<JsonElement> tasks)
    {
        var answered = tasks.Where(task => Text(task, "expected_output") is not null).Select(task => Text(task, "name")).OfType<string>().ToHashSet();
        return [.. design.Analysis.RequirementPoints.Select((point, index) => (point, index))
            .Where(item => !design.Plan.Tasks.Any(task => task.Answers(item.index) && answered.Contains(task.Key)))
            .Select(item => $"No task's expected output answers \"{item.point}\".")];
    }

    private static string? Text(JsonElement? entry, string field) =>
        entry?.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text ? text : null;

    private static List<string> Strings(JsonElement? entry, string field) =>
        entry?.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^class\s+\w+\(BaseTool\)\s*:", RegexOptions.Multiline)]
    private static partial Regex BaseToolClass();

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
