using CrewBuilder.Core.Generation.Template;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>Checks the rules CrewAI relies on before a project is handed to a person.</summary>
public sealed class ProjectValidator
{
    public IReadOnlyList<string> Validate(CrewDesign design, GeneratedProject project)
    {
        var problems = new List<string>();
        var agentKeys = design.Roster.Agents.Select(agent => agent.Key).ToHashSet();
        var seenTasks = new HashSet<string>();

        if (!Naming.IsPythonIdentifier(project.PackageName))
        {
            problems.Add($"Package name '{project.PackageName}' is not a Python identifier.");
        }

        if (design.Roster.Agents.Count == 0 || design.Plan.Tasks.Count == 0)
        {
            problems.Add("A crew needs at least one agent and one task.");
        }

        foreach (var key in agentKeys.Concat(design.Plan.Tasks.Select(task => task.Key)).Where(k => !Naming.IsPythonIdentifier(k)))
        {
            problems.Add($"'{key}' is not a Python identifier.");
        }

        foreach (var task in design.Plan.Tasks)
        {
            if (!agentKeys.Contains(task.Agent))
            {
                problems.Add($"Task '{task.Key}' names agent '{task.Agent}', which does not exist.");
            }

            if (agentKeys.Contains(task.Key))
            {
                problems.Add($"Task '{task.Key}' has the same name as an agent.");
            }

            problems.AddRange(task.Context.Where(dependency => !seenTasks.Contains(dependency))
                .Select(dependency => $"Task '{task.Key}' depends on '{dependency}', which does not run before it."));
            seenTasks.Add(task.Key);
        }

        var paths = project.Files.Select(file => file.Path).ToList();
        problems.AddRange(paths.GroupBy(path => path).Where(group => group.Count() > 1)
            .Select(group => $"File '{group.Key}' is written twice."));
        problems.AddRange(RequiredFiles(project.PackageName).Except(paths)
            .Select(path => $"Required file '{path}' is missing."));
        return problems;
    }

    public static IReadOnlyList<string> RequiredFiles(string package) =>
    [
        "pyproject.toml", $"src/{package}/main.py", $"src/{package}/crew.py",
        $"src/{package}/config/agents.yaml", $"src/{package}/config/tasks.yaml", $"src/{package}/tools/__init__.py",
    ];
}
