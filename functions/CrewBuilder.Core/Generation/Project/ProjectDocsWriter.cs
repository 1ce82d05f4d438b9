using System.Text;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>Writes the documents a person reads first: README, AGENTS.md and the environment template.</summary>
public sealed class ProjectDocsWriter
{
    public const string TemplateModeNotice =
        "Generated in template mode: no language model was used. CrewBuilder designed this crew "
        + "deterministically from the words of your requirement; review the roles and tasks before you rely on them.";

    public GeneratedProject Document(CrewDesign design, GeneratedProject project, GenerationMode mode, Organisations.OrgBranding? branding = null)
    {
        ProjectFile[] docs =
        [
            new("README.md", Readme(design, mode, branding)),
            new("AGENTS.md", PreparedFor(branding) + AgentsGuide(design)),
            new(".env.example", "MODEL=gpt-4o-mini\nOPENAI_API_KEY=\n"),
        ];
        return project with { Files = [.. docs, .. project.Files] };
    }

    private static string Readme(CrewDesign design, GenerationMode mode, Organisations.OrgBranding? branding)
    {
        var analysis = design.Analysis;
        var text = new StringBuilder();
        text.AppendLine($"# {analysis.Title}").AppendLine().Append(PreparedFor(branding));

        if (mode == GenerationMode.Template)
        {
            text.AppendLine($"> **{TemplateModeNotice}**").AppendLine();
        }

        text.AppendLine(analysis.Summary).AppendLine()
            .AppendLine("## Requirement").AppendLine()
            .AppendLine(Quote(analysis.Requirement)).AppendLine()
            .AppendLine("## Agents").AppendLine();
        foreach (var agent in design.Roster.Agents)
        {
            text.AppendLine($"- **{agent.Role}** (`{agent.Key}`)");
        }

        text.AppendLine().AppendLine($"## Tasks ({design.Plan.Process})").AppendLine();
        foreach (var (task, index) in design.Plan.Tasks.Select((task, index) => (task, index + 1)))
        {
            text.AppendLine($"{index}. `{task.Key}`, done by `{task.Agent}`");
        }

        text.AppendLine().AppendLine("## How the crew works").AppendLine().Append(Diagram(design));

        text.AppendLine().Append($$"""
            ## Run it

            You need Python 3.10 to 3.13 and [uv](https://docs.astral.sh/uv/).

            ```bash
            pip install crewai
            cp .env.example .env        # then put your OPENAI_API_KEY in .env
            crewai install
            crewai run
            ```

            The last task writes its result to `output/report.md`. Put documents the crew should know about
            in `knowledge/`; the `knowledge_search` tool reads them.

            ## Change it

            - Agents: `src/{{analysis.PackageName}}/config/agents.yaml`
            - Tasks: `src/{{analysis.PackageName}}/config/tasks.yaml`
            - Tools: `src/{{analysis.PackageName}}/tools/`

            """);
        return text.ToString();
    }

    /// <summary>
    /// A Mermaid flowchart: each task in order, the agent that does it, and the tasks whose output it builds on.
    /// Node ids are the YAML keys (Python identifiers, so always valid Mermaid ids); labels are quoted.
    /// </summary>
    internal static string Diagram(CrewDesign design)
    {
        var chart = new StringBuilder("```mermaid\nflowchart TD\n");
        foreach (var agent in design.Roster.Agents)
        {
            chart.AppendLine($"    {agent.Key}([\"{Label(agent.Role)}\"])");
        }

        TaskDesign? previous = null;
        foreach (var task in design.Plan.Tasks)
        {
            chart.AppendLine($"    task_{task.Key}[\"{Label(task.Key.Replace('_', ' '))}\"]");
            chart.AppendLine($"    {task.Agent} -. does .-> task_{task.Key}");
            var inputs = task.Context.Count > 0 ? task.Context : previous is null ? [] : [previous.Key];
            foreach (var input in inputs)
            {
                chart.AppendLine($"    task_{input} --> task_{task.Key}");
            }

            previous = task;
        }

        return chart.Append("```\n").ToString();
    }

    private static string Label(string text) => text.Replace("\"", "'", StringComparison.Ordinal).Replace('\n', ' ');

    /// <summary>White-label: whom the project was prepared for and where its people get support, as a line of its own.</summary>
    private static string PreparedFor(Organisations.OrgBranding? branding) =>
        branding?.DisplayName is { } organisation
            ? $"Prepared for **{organisation.Trim()}**{(branding.SupportContact is { } contact ? $" · Support: {contact}" : "")}\n\n"
            : "";

    private static string AgentsGuide(CrewDesign design)
    {
        var package = design.Analysis.PackageName;
        return $$"""
            # Working on this crew

            This is a CrewAI project in the standard `crewai create crew` layout. Notes for coding assistants:

            - Every key in `src/{{package}}/config/agents.yaml` has an `@agent` method of the same name in
              `src/{{package}}/crew.py`; every key in `config/tasks.yaml` has an `@task` method. Add or rename both together.
            - Tasks run in the order of their `@task` methods ({{design.Plan.Process}} process). A task's `context` names
              earlier tasks only.
            - `{requirement}` in the YAML is filled from `inputs` in `src/{{package}}/main.py`.
            - Tools subclass `crewai.tools.BaseTool` with a Pydantic `args_schema`; keep them in `tools/`.
            - Secrets go in `.env` (see `.env.example`), never in code.

            """;
    }

    private static string Quote(string requirement) =>
        string.Join('\n', requirement.Split('\n').Select(line => $"> {line.TrimEnd()}"));
}
