using System.Text;
using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// The JSON-first layout of <c>crewai create crew</c> (its default): <c>crew.jsonc</c> with the tasks,
/// <c>agents/&lt;name&gt;.jsonc</c> per agent, custom tools in <c>tools/</c> named <c>custom:&lt;name&gt;</c>, and a
/// pyproject whose <c>[tool.crewai]</c> names the definition. Keys, their order and indentation follow the CLI's
/// templates; the values come from the design. The tools' offline tests and .env.example come along as in the classic
/// layout, and the FastAPI wrapper as <c>api.py</c> beside the definition, which it loads with crewai's <c>load_crew</c>.
/// </summary>
internal static class JsonCrewWriter
{
    public const string Definition = "crew.jsonc";

    /// <summary>The module the agents' and the manager's models come from, as <c>{"python": "models.&lt;NAME&gt;"}</c>.</summary>
    public const string ModelsModule = "models";

    /// <summary>crewai runs a custom tool's file on its own, so the project folder goes on the path for its <c>tools.*</c> imports.</summary>
    private const string Preamble = """
        import sys
        from pathlib import Path

        # crewai loads this file by its path (custom:<name>): the project folder goes on the import path for tools.*
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

        """;

    public static GeneratedProject Write(CrewDesign design, string projectId)
    {
        var home = PythonHome.Json;
        ProjectFile[] files =
        [
            new("pyproject.toml", PyProject(design, projectId)),
            new(".gitignore", ".env\n__pycache__/\n.DS_Store\nreport.md\n"),
            new(".env.example", CrewEnvironment.EnvExample(design)),
            new(Definition, Crew(design)),
            new($"{ModelsModule}.py", Models(design)),
            new("api.py", ServiceTemplates.Api(design, ProjectLayout.Json)),
            .. design.Roster.Agents.Select(agent => new ProjectFile($"agents/{agent.Key}.jsonc", Agent(agent, design.Roster))),
            new($"{home.ToolsFolder}/__init__.py", ""),
            .. CrewProjectWriter.SharedTools(design, home, Preamble),
            new("knowledge/user_preference.txt", "# Add your knowledge files here\n"),
            new("knowledge/requirement.md", CrewProjectWriter.Requirement(design)),
            new("skills/.gitkeep", ""),
            new("tests/__init__.py", ""),
            new("tests/test_tools.py", ToolTestsWriter.Write(design, home)),
        ];
        return new GeneratedProject(design.Analysis.PackageName, files);
    }

    /// <summary>How an agent file names a tool: a crewai_tools class by its name, the crew's own as <c>custom:&lt;file&gt;</c>.</summary>
    public static string ToolReference(string tool, AgentRoster roster) =>
        tool == ToolCatalog.KnowledgeSearch || roster.Tools.Any(custom => custom.Name == tool) ? $"custom:{tool}" : tool;

    /// <summary>
    /// crewai's JSON loader reads no environment variable, so an agent file naming <c>"openai/gpt-4o"</c> would ignore MODEL.
    /// The files name an attribute of models.py instead (a Python reference, which the loader resolves from the project
    /// folder), and models.py reads MODEL, ADVANCED_MODEL and MANAGER_MODEL as the classic layout's crew.py does.
    /// </summary>
    public static string ModelReference(string attribute) => "{\"python\": " + PythonJson.Dumps($"{ModelsModule}.{attribute}") + "}";

    private static string Models(CrewDesign design)
    {
        var lines = new List<string> { $"STANDARD = os.environ.get(\"MODEL\", \"{CrewEnvironment.DefaultModel}\")" };
        if (design.Roster.Agents.Any(agent => agent.Advanced))
        {
            lines.Add($"ADVANCED = os.environ.get(\"ADVANCED_MODEL\", \"{CrewEnvironment.DefaultAdvancedModel}\")");
        }

        if (design.Process == "hierarchical")
        {
            lines.Add($"MANAGER = os.environ.get(\"MANAGER_MODEL\", \"{CrewEnvironment.DefaultManagerModel}\")");
        }

        return $$""""
            """The models the crew runs on, read from the environment (see .env.example).

            agents/*.jsonc and crew.jsonc name them as {"python": "models.STANDARD"}: crewai's JSON loader reads no
            environment variable itself, so this module does.
            """
            import os

            {{string.Join("\n", lines)}}

            """";
    }

    private static string PyProject(CrewDesign design, string projectId)
    {
        IEnumerable<string> dependencies = [CrewProjectWriter.CrewAiRequirement, .. CrewProjectWriter.ServiceRequirements, .. ToolCatalog.PackagesFor(design.Roster.Agents.SelectMany(agent => agent.Tools))];
        return $$"""
            [project]
            name = "{{design.Analysis.PackageName}}"
            version = "0.1.0"
            description = {{PythonSource.Literal(design.Analysis.Summary)}}
            authors = [{ name = "CrewBuilder" }]
            requires-python = ">=3.10,<3.14"
            dependencies = [
                {{string.Join(",\n    ", dependencies.Select(dependency => $"\"{dependency}\""))}}
            ]

            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [tool.hatch.build.targets.wheel]
            only-include = ["agents", "{{Definition}}", "{{ModelsModule}}.py", "tools", "knowledge", "skills"]

            [tool.crewai]
            type = "crew"
            definition = "{{Definition}}"
            project_id = "{{projectId}}"

            """;
    }

    private static string Agent(AgentDesign agent, AgentRoster roster) => $$"""
        {
          // The agent's role: {placeholder} inputs may appear here, in the goal and in the backstory
          "role": {{PythonJson.Dumps(agent.Role)}},

          // What it works towards
          "goal": {{PythonJson.Dumps(agent.Goal)}},

          // Who it is, which shapes how it works
          "backstory": {{PythonJson.Dumps(agent.Backstory)}},

          // Its model: {{(agent.Advanced ? "ADVANCED_MODEL, for work that needs judgement" : "MODEL")}}, read by models.py
          "llm": {{ModelReference(agent.Advanced ? "ADVANCED" : "STANDARD")}},

          // crewai_tools classes by name; custom:<name> loads tools/<name>.py
          "tools": {{PythonJson.Dumps(agent.Tools.Select(tool => ToolReference(tool, roster)))}},

          "settings": {
            // Detailed logs while it works
            "verbose": false,

            // Whether it may hand work to the crew's other agents
            "allow_delegation": {{PythonJson.Dumps(agent.AllowDelegation)}}
          }
        }

        """;

    private static string Crew(CrewDesign design)
    {
        var manager = design.Process == "hierarchical"
            ? $"  // The manager's model, which the hierarchical process needs: MANAGER_MODEL, read by models.py\n  \"manager_llm\": {ModelReference("MANAGER")},\n\n"
            : "";
        return $$"""
            {
              // The crew's name
              "name": {{PythonJson.Dumps(design.Analysis.Title)}},

              // Its agents, each with agents/<name>.jsonc
              "agents": {{PythonJson.Dumps(design.Roster.Agents.Select(agent => agent.Key))}},

              // Its tasks, which run in this order
              "tasks": [
            {{string.Join(",\n", design.Plan.Tasks.Select(Task))}}
              ],

              // sequential: in order, each given the outputs before it; hierarchical: a manager delegates them
              "process": {{PythonJson.Dumps(design.Process)}},

              // Logs while the crew runs
              "verbose": true,

              // Memory across tasks and runs
              "memory": false,

            {{manager}}  // What fills the {placeholder}s of the agents and tasks; crewai run asks for any missing
              "inputs": {
                  "requirement": {{PythonJson.Dumps(design.Analysis.Requirement)}}
              }
            }

            """;
    }

    private static string Task(TaskDesign task)
    {
        var optional = new List<string>();
        if (task.Context.Count > 0)
        {
            optional.Add($"      // Earlier tasks whose outputs it is given\n      \"context\": {PythonJson.Dumps(task.Context)}");
        }

        if (task.OutputFile is not null)
        {
            optional.Add($"      // Where its output is saved\n      \"output_file\": {PythonJson.Dumps(task.OutputFile)}");
        }

        var fragment = new StringBuilder($$"""
                {
                  // The task's name, by which later tasks name it as context
                  "name": {{PythonJson.Dumps(task.Key)}},

                  // What it should do
                  "description": {{PythonJson.Dumps(task.Description)}},

                  // What its output looks like
                  "expected_output": {{PythonJson.Dumps(task.ExpectedOutput)}},

                  // The agent that does it
                  "agent": {{PythonJson.Dumps(task.Agent)}}
            """);
        foreach (var field in optional)
        {
            fragment.Append(",\n\n").Append(field);
        }

        return fragment.Append("\n    }").ToString();
    }
}
