using System.Text;
using CrewBuilder.Core.Generation.Template;
using YamlDotNet.Serialization;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>Writes the code of a crew in the layout of <c>crewai create crew</c>.</summary>
public sealed class CrewProjectWriter
{
    public const string CrewAiRequirement = "crewai[tools]>=1.0.0,<2.0.0";

    private static readonly ISerializer Yaml = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .Build();

    public GeneratedProject WriteCode(CrewDesign design)
    {
        var package = design.Analysis.PackageName;
        var source = $"src/{package}";
        ProjectFile[] files =
        [
            new("pyproject.toml", PyProject(design.Analysis)),
            new(".gitignore", ".env\n__pycache__/\n*.pyc\n.venv/\noutput/\n"),
            new($"{source}/__init__.py", ""),
            new($"{source}/main.py", CrewPythonTemplates.Main(package, design.Analysis)),
            new($"{source}/crew.py", CrewPy(design)),
            new($"{source}/config/agents.yaml", AgentsYaml(design.Roster)),
            new($"{source}/config/tasks.yaml", TasksYaml(design.Plan)),
            new($"{source}/tools/__init__.py", ""),
            new($"{source}/tools/knowledge_search.py", CrewPythonTemplates.KnowledgeSearchTool),
            new("knowledge/requirement.md", $"# Requirement\n\n{design.Analysis.Requirement}\n"),
        ];
        return new GeneratedProject(package, files);
    }

    private static string PyProject(RequirementAnalysis analysis)
    {
        var package = analysis.PackageName;
        return $$"""
            [project]
            name = "{{package}}"
            version = "0.1.0"
            description = {{PythonSource.Literal(analysis.Summary)}}
            authors = [{ name = "CrewBuilder" }]
            requires-python = ">=3.10,<3.14"
            dependencies = [
                "{{CrewAiRequirement}}",
            ]

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

            [tool.crewai]
            type = "crew"

            """;
    }

    private static string AgentsYaml(AgentRoster roster) =>
        Yaml.Serialize(roster.Agents.ToDictionary(
            agent => agent.Key,
            agent => new Dictionary<string, string> { ["role"] = agent.Role, ["goal"] = agent.Goal, ["backstory"] = agent.Backstory }));

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

    private static string CrewPy(CrewDesign design)
    {
        var code = new StringBuilder();
        code.Append($$""""
            from typing import List

            from crewai import Agent, Crew, Process, Task
            from crewai.agents.agent_builder.base_agent import BaseAgent
            from crewai.project import CrewBase, agent, crew, task

            from {{design.Analysis.PackageName}}.tools.knowledge_search import KnowledgeSearchTool


            @CrewBase
            class {{Naming.Pascal(design.Analysis.PackageName)}}:
                """{{design.Analysis.Title}}: {{design.Analysis.Summary.Replace("\"", "'", StringComparison.Ordinal)}}"""

                agents: List[BaseAgent]
                tasks: List[Task]

            """");
        foreach (var member in design.Roster.Agents)
        {
            var tools = member.Tools.Contains(TemplateCrewDesigner.KnowledgeSearchTool) ? "[KnowledgeSearchTool()]" : "[]";
            code.Append($$"""

                    @agent
                    def {{member.Key}}(self) -> Agent:
                        return Agent(
                            config=self.agents_config["{{member.Key}}"],  # type: ignore[index]
                            tools={{tools}},
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

        var process = design.Plan.Process == "hierarchical" ? "Process.hierarchical" : "Process.sequential";
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
}
