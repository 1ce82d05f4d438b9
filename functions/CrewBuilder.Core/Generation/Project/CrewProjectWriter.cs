using System.Text;
using CrewBuilder.Core.Generation.Design;
using CrewBuilder.Core.Generation.Template;
using YamlDotNet.Serialization;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// Writes the code of a crew in the layout of <c>crewai create crew</c>, plus the FastAPI wrapper that runs it as a
/// service, its offline tests and the environment template listing every variable the code reads.
/// </summary>
public sealed class CrewProjectWriter
{
    /// <summary>The tools and Anthropic extras: .env.example and the README offer anthropic/ models beside OpenAI ones.</summary>
    public const string CrewAiRequirement = "crewai[tools,anthropic]>=1.13.0,<2.0.0";

    /// <summary>What the FastAPI wrapper runs on, in both layouts.</summary>
    internal static readonly string[] ServiceRequirements = ["fastapi>=0.110,<1.0", "uvicorn[standard]>=0.29,<1.0"];

    private static readonly ISerializer Yaml = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .Build();

    /// <summary>
    /// The project's code in the <paramref name="layout"/> asked for; <paramref name="generationId"/> gives it the stable
    /// [tool.crewai] project_id.
    /// </summary>
    public GeneratedProject WriteCode(CrewDesign design, string generationId, ProjectLayout layout = ProjectLayout.Classic) =>
        layout == ProjectLayout.Json ? JsonCrewWriter.Write(design, ProjectIdentity.For(generationId)) : Classic(design, generationId);

    private static GeneratedProject Classic(CrewDesign design, string generationId)
    {
        var package = design.Analysis.PackageName;
        var source = $"src/{package}";
        var home = PythonHome.Classic(package);
        ProjectFile[] files =
        [
            new("pyproject.toml", PyProject(design, ProjectIdentity.For(generationId))),
            new(".gitignore", ".env\n__pycache__/\n*.pyc\n.venv/\noutput/\n.pytest_cache/\n"),
            new(".env.example", CrewEnvironment.EnvExample(design)),
            new($"{source}/__init__.py", ""),
            new($"{source}/main.py", CrewPythonTemplates.Main(package, design.Analysis)),
            new($"{source}/crew.py", CrewPy(design)),
            new($"{source}/api.py", ServiceTemplates.Api(design)),
            new($"{source}/config/agents.yaml", AgentsYaml(design.Roster)),
            new($"{source}/config/tasks.yaml", TasksYaml(design.Plan)),
            new($"{source}/tools/__init__.py", ""),
            .. SharedTools(design, home, preamble: ""),
            new("knowledge/requirement.md", Requirement(design)),
            new("tests/__init__.py", ""),
            new("tests/test_crew.py", ServiceTemplates.Tests(design)),
            new("tests/test_tools.py", ToolTestsWriter.Write(design, home)),
        ];
        return new GeneratedProject(package, files);
    }

    /// <summary>The tools every layout has: the knowledge search, the HTTP client and each custom tool, under <paramref name="home"/>.</summary>
    internal static IEnumerable<ProjectFile> SharedTools(CrewDesign design, PythonHome home, string preamble) =>
    [
        new($"{home.ToolsFolder}/knowledge.py", ToolRuntimeTemplates.Knowledge),
        new($"{home.ToolsFolder}/knowledge_search.py", preamble + CrewPythonTemplates.KnowledgeSearchTool(home.ToolsModule)),
        new($"{home.ToolsFolder}/http_client.py", ToolRuntimeTemplates.HttpClient),
        new($"{home.ToolsFolder}/apis.py", ToolWriter.ApiSettings(design.Roster.Tools, home.ToolsModule)),
        .. design.Roster.Tools.Select(tool => new ProjectFile($"{home.ToolsFolder}/{ToolWriter.FileName(tool)}", preamble + ToolWriter.Write(tool, home.ToolsModule))),
    ];

    internal static string Requirement(CrewDesign design) => $"# Requirement\n\n{design.Analysis.Requirement}\n";

    private static string PyProject(CrewDesign design, string projectId)
    {
        var analysis = design.Analysis;
        var package = analysis.PackageName;
        var toolPackages = string.Concat(ToolCatalog.PackagesFor(design.Roster.Agents.SelectMany(agent => agent.Tools)).Select(requirement => $"\n    \"{requirement}\","));
        return $$"""
            [project]
            name = "{{package}}"
            version = "0.1.0"
            description = {{PythonSource.Literal(analysis.Summary)}}
            authors = [{ name = "CrewBuilder" }]
            requires-python = ">=3.10,<3.14"
            dependencies = [
                "{{CrewAiRequirement}}",{{string.Concat(ServiceRequirements.Select(requirement => $"\n    \"{requirement}\","))}}
                "pyyaml>=6.0",{{toolPackages}}
            ]

            [project.optional-dependencies]
            test = ["pytest>=8.0"]

            [project.scripts]
            {{package}} = "{{package}}.main:run"
            run_crew = "{{package}}.main:run"
            train = "{{package}}.main:train"
            replay = "{{package}}.main:replay"
            test = "{{package}}.main:test"
            run_with_trigger = "{{package}}.main:run_with_trigger"

            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [tool.hatch.build.targets.wheel]
            packages = ["src/{{package}}"]

            [tool.crewai]
            type = "crew"
            project_id = "{{projectId}}"

            [tool.pytest.ini_options]
            pythonpath = ["src"]

            """;
    }

    private static string AgentsYaml(AgentRoster roster) =>
        Yaml.Serialize(roster.Agents.ToDictionary(
            agent => agent.Key,
            agent => new Dictionary<string, object>
            {
                ["role"] = agent.Role, ["goal"] = agent.Goal, ["backstory"] = agent.Backstory, ["allow_delegation"] = agent.AllowDelegation,
            }));

    private static string TasksYaml(TaskPlan plan) =>
        Yaml.Serialize(plan.Tasks.ToDictionary(
            task => task.Key,
            task =>
            {
                var entry = new Dictionary<string, object>
                {
                    ["description"] = task.Description,
                    ["expected_output"] = task.ExpectedOutput,
                    ["agent"] = task.Agent,
                };
                if (task.Context.Count > 0)
                {
                    entry["context"] = task.Context;
                }

                if (task.OutputFile is not null)
                {
                    entry["output_file"] = task.OutputFile;
                }

                return entry;
            }));

    /// <summary>The Python expression that makes one of an agent's tools: a crewai_tools class, knowledge search or a custom tool.</summary>
    private static string ToolInstance(string tool, AgentRoster roster) =>
        tool == ToolCatalog.KnowledgeSearch ? "KnowledgeSearchTool()"
        : roster.Tools.FirstOrDefault(custom => custom.Name == tool) is { } custom ? $"{custom.ClassName}()"
        : $"{tool}()";

    private static string CrewPy(CrewDesign design)
    {
        var package = design.Analysis.PackageName;
        var catalogTools = design.Roster.Agents.SelectMany(agent => agent.Tools).Where(ToolCatalog.IsCatalogTool).Distinct().Order().ToList();
        var code = new StringBuilder();
        code.Append("import os\nfrom typing import List\n\nfrom crewai import Agent, Crew, Process, Task\n")
            .Append("from crewai.agents.agent_builder.base_agent import BaseAgent\nfrom crewai.project import CrewBase, agent, crew, task\n");
        if (catalogTools.Count > 0)
        {
            code.Append($"from crewai_tools import {string.Join(", ", catalogTools)}\n");
        }

        code.Append($"\nfrom {package}.tools.knowledge_search import KnowledgeSearchTool\n");
        foreach (var tool in design.Roster.Tools)
        {
            code.Append($"from {package}.tools.{tool.Name} import {tool.ClassName}\n");
        }

        code.Append($$""""


            @CrewBase
            class {{Naming.Pascal(package)}}:
                """{{Docstring(design.Analysis.Title)}}: {{Docstring(design.Analysis.Summary)}}"""

                agents: List[BaseAgent]
                tasks: List[Task]

            """");
        foreach (var member in design.Roster.Agents)
        {
            code.Append($$"""

                    @agent
                    def {{member.Key}}(self) -> Agent:
                        return Agent(
                            config=self.agents_config["{{member.Key}}"],  # type: ignore[index]
                            tools=[{{string.Join(", ", member.Tools.Select(tool => ToolInstance(tool, design.Roster)))}}],
                            llm={{(member.Advanced ? $"os.environ.get(\"ADVANCED_MODEL\", \"{CrewEnvironment.DefaultAdvancedModel}\")" : $"os.environ.get(\"MODEL\", \"{CrewEnvironment.DefaultModel}\")")}},
                            verbose=True,
                        )

                """);
        }

        foreach (var item in design.Plan.Tasks)
        {
            code.Append($$"""

                    @task
                    def {{item.Key}}(self) -> Task:
                        return Task(
                            config=self.tasks_config["{{item.Key}}"],  # type: ignore[index]
                        )

                """);
        }

        var process = design.Process == "hierarchical"
            ? $"Process.hierarchical,\n            manager_llm=os.environ.get(\"MANAGER_MODEL\", \"{CrewEnvironment.DefaultManagerModel}\")"
            : "Process.sequential";
        code.Append($$"""

                @crew
                def crew(self) -> Crew:
                    return Crew(
                        agents=self.agents,
                        tasks=self.tasks,
                        process={{process}},
                        verbose=True,
                    )

            """);
        return code.ToString();
    }

    private static string Docstring(string text) => text.Replace("\\", "/", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal);
}
