using System.Text.RegularExpressions;
using CrewBuilder.Core.Generation.Design;
using CrewBuilder.Core.Generation.Template;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace CrewBuilder.Core.Generation.Review;

/// <summary>
/// The deterministic review of a generated project, read from its files: what <c>crewai deploy validate</c> checks
/// (project name, crew.py and both YAML files, YAML that parses, every key bound to a decorated method) and ours
/// (dependencies acyclic, every environment variable documented, Python that parses, no secret, the requirement traced).
/// </summary>
public sealed partial class ProjectChecks(PythonSyntax python)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public string PythonChecker => python.Checker;

    public async Task<IReadOnlyList<ReviewCheck>> RunAsync(CrewDesign design, GeneratedProject project, CancellationToken cancellationToken)
    {
        // CPython parses in its own process while the checks before it run here.
        var parsing = python.ProblemsAsync(project.Files, cancellationToken);
        var definition = DeployValidation.JsonDefinition(project);
        var layoutChecks = definition is null ? ClassicChecks(design, project) : JsonCrewChecks.Run(design, project, definition);
        var required = definition is null ? RequiredFiles(project.PackageName) : ["pyproject.toml", ".env.example", definition, "tools/knowledge_search.py"];
        return
        [
            new("Project name", ProjectName(project)),
            new("Required files", [.. required.Where(path => project.Read(path) is null).Select(path => $"{path} is missing.")]),
            new("Files written once", [.. project.Files.GroupBy(file => file.Path).Where(group => group.Count() > 1).Select(group => $"{group.Key} is written twice.")]),
            .. layoutChecks.Take(3),
            new("Environment documented", Undocumented(project)),
            new("Python parses", await parsing),
            new("No secrets", Secrets(project)),
            layoutChecks[3],
            DeployValidation.Run(project),
        ];
    }

    /// <summary>The classic layout's own checks, in order: its YAML parses, its names bind, its dependencies, the requirement traced.</summary>
    private static IReadOnlyList<ReviewCheck> ClassicChecks(CrewDesign design, GeneratedProject project)
    {
        var package = project.PackageName;
        var agents = ReadYaml(project, $"src/{package}/config/agents.yaml", out var agentsProblem);
        var tasks = ReadYaml(project, $"src/{package}/config/tasks.yaml", out var tasksProblem);
        return
        [
            new("YAML parses", [.. new[] { agentsProblem, tasksProblem }.OfType<string>(), .. Fields(agents, "agent", ["role", "goal", "backstory"]),
                .. Fields(tasks, "task", ["description", "expected_output", "agent"])]),
            new("Names bind", Bindings(project.Read($"src/{package}/crew.py") ?? "", agents, tasks)),
            new("Dependencies acyclic", Cycles(tasks)),
            new("Requirement traced", Untraced(design, tasks)),
        ];
    }

    public static IReadOnlyList<string> RequiredFiles(string package) =>
    [
        "pyproject.toml", ".env.example", $"src/{package}/main.py", $"src/{package}/crew.py",
        $"src/{package}/config/agents.yaml", $"src/{package}/config/tasks.yaml", $"src/{package}/tools/__init__.py",
    ];

    private static List<string> ProjectName(GeneratedProject project)
    {
        var name = ProjectNameLine().Match(project.Read("pyproject.toml") ?? "") is { Success: true } match ? match.Groups[1].Value : null;
        return name switch
        {
            null => ["pyproject.toml has no [project] name."],
            _ when name != project.PackageName => [$"pyproject.toml names the project '{name}', not the package '{project.PackageName}'."],
            _ when !Naming.IsPythonIdentifier(name) => [$"'{name}' is not a Python identifier."],
            _ when Naming.IsReservedScriptName(name) => [$"'{name}' is the name of one of CrewAI's scripts."],
            _ => [],
        };
    }

    private static List<KeyValuePair<string, Dictionary<string, object>>>? ReadYaml(GeneratedProject project, string path, out string? problem)
    {
        problem = null;
        if (project.Read(path) is not { } text)
        {
            return null;
        }

        try
        {
            var parsed = Yaml.Deserialize<Dictionary<string, Dictionary<string, object>>>(text);
            if (parsed is null || parsed.Count == 0)
            {
                problem = $"{path} defines nothing.";
                return null;
            }

            return [.. parsed];
        }
        catch (YamlException e)
        {
            problem = $"{path} does not parse (line {e.Start.Line}).";
            return null;
        }
    }

    private static IEnumerable<string> Fields(List<KeyValuePair<string, Dictionary<string, object>>>? entries, string kind, string[] required) =>
        (entries ?? []).SelectMany(entry => required.Where(field => entry.Value?.GetValueOrDefault(field) is not string { Length: > 0 })
            .Select(field => $"The {kind} '{entry.Key}' has no {field}."));

    private static List<string> Bindings(
        string crew, List<KeyValuePair<string, Dictionary<string, object>>>? agents, List<KeyValuePair<string, Dictionary<string, object>>>? tasks)
    {
        var problems = new List<string>();
        var agentMethods = AgentMethods().Matches(crew).Select(match => match.Groups[1].Value).ToList();
        var taskMethods = TaskMethods().Matches(crew).Select(match => match.Groups[1].Value).ToList();
        var agentKeys = (agents ?? []).Select(entry => entry.Key).ToList();
        var taskKeys = (tasks ?? []).Select(entry => entry.Key).ToList();
        problems.AddRange(agentKeys.Except(agentMethods).Select(key => $"agents.yaml defines '{key}' but crew.py has no @agent method '{key}'."));
        problems.AddRange(agentMethods.Except(agentKeys).Select(key => $"crew.py's @agent '{key}' is not in agents.yaml."));
        problems.AddRange(taskKeys.Except(taskMethods).Select(key => $"tasks.yaml defines '{key}' but crew.py has no @task method '{key}'."));
        problems.AddRange(taskMethods.Except(taskKeys).Select(key => $"crew.py's @task '{key}' is not in tasks.yaml."));
        if (problems.Count == 0 && !taskKeys.SequenceEqual(taskMethods))
        {
            problems.Add("The @task methods of crew.py are not in the order of tasks.yaml.");
        }

        problems.AddRange(agentKeys.Intersect(taskKeys).Select(key => $"'{key}' names both an agent and a task."));
        problems.AddRange((agents ?? []).Concat(tasks ?? []).Select(entry => entry.Key).Where(key => !Naming.IsPythonIdentifier(key))
            .Select(key => $"'{key}' is not a Python identifier."));
        foreach (var (key, task) in tasks ?? [])
        {
            if (task?.GetValueOrDefault("agent") is string agent && !agentKeys.Contains(agent))
            {
                problems.Add($"The task '{key}' names the agent '{agent}', which does not exist.");
            }

            problems.AddRange(Names(task, "context").Where(name => !taskKeys.Contains(name)).Select(name => $"The task '{key}' depends on '{name}', which does not exist."));
            problems.AddRange(Names(task, "tools").Where(name => !crew.Contains(name, StringComparison.Ordinal))
                .Select(name => $"The task '{key}' uses the tool '{name}', which crew.py does not make."));
        }

        problems.AddRange(ToolCalls().Matches(crew).Select(match => match.Groups[1].Value).Distinct()
            .Where(tool => !Regex.IsMatch(crew, $@"^from \S+ import .*\b{tool}\b", RegexOptions.Multiline))
            .Select(tool => $"crew.py makes the tool {tool} without importing it."));
        return problems;
    }

    /// <summary>Tasks run in file order, so a task may only build on tasks before it; anything else is a cycle or a forward reference.</summary>
    private static List<string> Cycles(List<KeyValuePair<string, Dictionary<string, object>>>? tasks)
    {
        var earlier = new HashSet<string>();
        var problems = new List<string>();
        foreach (var (key, task) in tasks ?? [])
        {
            problems.AddRange(Names(task, "context").Where(name => name == key || !earlier.Contains(name))
                .Select(name => name == key ? $"The task '{key}' depends on itself." : $"The task '{key}' depends on '{name}', which does not run before it."));
            earlier.Add(key);
        }

        return problems;
    }

    private static List<string> Undocumented(GeneratedProject project)
    {
        var documented = EnvLine().Matches(project.Read(".env.example") ?? "").Select(match => match.Groups[1].Value).ToHashSet();
        return [.. project.Files.Where(file => file.Path.EndsWith(".py", StringComparison.Ordinal))
            .SelectMany(file => EnvRead().Matches(file.Content).Select(match => (file.Path, Name: match.Groups["name"].Value)))
            .Where(read => !documented.Contains(read.Name)).DistinctBy(read => read.Name)
            .Select(read => $"{read.Path} reads {read.Name}, which .env.example does not list.")];
    }

    private static List<string> Secrets(GeneratedProject project) =>
        [.. project.Files.SelectMany(file => file.Content.Split('\n').Select((line, index) => (file.Path, Line: index + 1, Text: line)))
            .Where(line => SecretShape().IsMatch(line.Text))
            .Select(line => $"{line.Path} line {line.Line} holds something shaped like a key or token.")];

    private static List<string> Untraced(CrewDesign design, List<KeyValuePair<string, Dictionary<string, object>>>? tasks)
    {
        var answered = (tasks ?? []).Where(entry => entry.Value?.GetValueOrDefault("expected_output") is string { Length: > 0 }).Select(entry => entry.Key).ToHashSet();
        return [.. design.Analysis.RequirementPoints.Select((point, index) => (point, index))
            .Where(item => !design.Plan.Tasks.Any(task => task.Answers(item.index) && answered.Contains(task.Key)))
            .Select(item => $"No task's expected output answers \"{item.point}\".")];
    }

    private static IEnumerable<string> Names(Dictionary<string, object>? entry, string field) =>
        entry?.GetValueOrDefault(field) is List<object> names ? names.Select(name => name?.ToString() ?? "") : [];

    [GeneratedRegex(@"^\s*@agent\s*\n\s*def\s+(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex AgentMethods();

    [GeneratedRegex(@"^\s*@task\s*\n\s*def\s+(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex TaskMethods();

    [GeneratedRegex(@"^\s*name\s*=\s*""([^""]*)""", RegexOptions.Multiline)]
    private static partial Regex ProjectNameLine();

    [GeneratedRegex(@"\b([A-Z]\w*Tool)\(\)")]
    private static partial Regex ToolCalls();

    [GeneratedRegex(@"^\s*([A-Z][A-Z0-9_]*)\s*=", RegexOptions.Multiline)]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"os\.(?:environ\.get|getenv|environ\.setdefault)\(\s*[""'](?<name>[A-Z][A-Z0-9_]*)[""']|os\.environ\[\s*[""'](?<name>[A-Z][A-Z0-9_]*)[""']\s*\]")]
    private static partial Regex EnvRead();

    [GeneratedRegex(@"(sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}|AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9\-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)")]
    private static partial Regex SecretShape();
}
