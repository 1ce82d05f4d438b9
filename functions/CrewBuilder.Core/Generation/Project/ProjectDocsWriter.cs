using System.Text;
using CrewBuilder.Core.Generation.Review;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>Writes the documents a person reads first: README, AGENTS.md and the environment template.</summary>
public sealed class ProjectDocsWriter
{
    public const string TemplateModeNotice =
        "Generated in template mode: no language model was used. CrewBuilder designed this crew "
        + "deterministically from the words of your requirement; review the roles and tasks before you rely on them.";

    /// <summary>
    /// The documents of a project; they read the design and the review, never the code, so the step that writes them needs only those.
    /// <paramref name="whiteLabel"/>: the project was made on the organisation's own site, so it is prepared by the organisation.
    /// </summary>
    public IReadOnlyList<ProjectFile> Document(
        CrewDesign design, GenerationMode mode, ReviewReport? review = null, Organisations.OrgBranding? branding = null, ProjectLayout layout = ProjectLayout.Classic,
        bool whiteLabel = false) =>
    [
        new("README.md", Readme(design, mode, review, branding, layout, whiteLabel)),
        new("AGENTS.md", PreparedFor(branding, whiteLabel) + (layout == ProjectLayout.Json ? JsonProjectDocs.AgentsGuide(design) : AgentsGuide(design))),
        new("FEASIBILITY.md", ReviewDocuments.Feasibility(design)),
        .. review is null ? Array.Empty<ProjectFile>() : [new ProjectFile("REVIEW.md", ReviewDocuments.Review(review))],
    ];

    private static string Readme(CrewDesign design, GenerationMode mode, ReviewReport? review, Organisations.OrgBranding? branding, ProjectLayout layout, bool whiteLabel)
    {
        var analysis = design.Analysis;
        var package = analysis.PackageName;
        var text = new StringBuilder();
        text.AppendLine($"# {analysis.Title}").AppendLine().Append(PreparedFor(branding, whiteLabel));

        if (mode == GenerationMode.Template)
        {
            text.AppendLine($"> **{TemplateModeNotice}**").AppendLine();
        }

        text.AppendLine("## Overview").AppendLine().AppendLine(analysis.Summary).AppendLine()
            .AppendLine(Quote(analysis.Requirement)).AppendLine()
            .AppendLine($"Process: **{design.Process}**{(design.Roster.Rationale is { } why ? $" ({why.Trim()})" : "")}.").AppendLine()
            .AppendLine("## Agents").AppendLine()
            .AppendLine("| Agent | Role | Tools | Delegates | Model |").AppendLine("|---|---|---|---|---|");
        foreach (var agent in design.Roster.Agents)
        {
            text.AppendLine($"| `{agent.Key}` | {Cell(agent.Role)} | {(agent.Tools.Count == 0 ? "none" : string.Join(", ", agent.Tools.Select(tool => $"`{tool}`")))} | {(agent.AllowDelegation ? "yes" : "no")} | {(agent.Advanced ? "`ADVANCED_MODEL`" : "`MODEL`")} |");
        }

        text.AppendLine().AppendLine("## Tasks").AppendLine();
        foreach (var (task, index) in design.Plan.Tasks.Select((task, index) => (task, index + 1)))
        {
            text.AppendLine($"{index}. `{task.Key}`, done by `{task.Agent}`{(task.OutputFile is { } file ? $", writes `{file}`" : "")}");
        }

        text.AppendLine().AppendLine("## How the crew works").AppendLine().Append(Diagram(design))
            .AppendLine().AppendLine("## Traceability").AppendLine()
            .AppendLine("Each point of the requirement, and the agent and task whose expected output answers it (checked by `tests/test_crew.py`).")
            .AppendLine().AppendLine("| Requirement | Task | Agent |").AppendLine("|---|---|---|");
        foreach (var (point, index) in analysis.RequirementPoints.Select((point, index) => (point, index)))
        {
            var tasks = design.Plan.Tasks.Where(task => task.Answers(index)).ToList();
            text.AppendLine($"| {Cell(point)} | {string.Join(", ", tasks.Select(task => $"`{task.Key}`"))} | {string.Join(", ", tasks.Select(task => $"`{task.Agent}`").Distinct())} |");
        }

        text.AppendLine().Append(QuickStart(package)).AppendLine().AppendLine("## Configuration").AppendLine()
            .AppendLine("Set these in `.env` (copied from `.env.example`), in your shell, or as Container Apps secrets:").AppendLine()
            .AppendLine("| Variable | What it is for | Secret |").AppendLine("|---|---|---|");
        foreach (var variable in CrewEnvironment.Of(design))
        {
            text.AppendLine($"| `{variable.Name}` | {Cell(variable.Purpose)} | {(variable.Secret ? "yes" : "no")} |");
        }

        text.AppendLine().Append(layout == ProjectLayout.Json ? JsonProjectDocs.Usage : Usage(package)).AppendLine()
            .Append(layout == ProjectLayout.Json ? JsonProjectDocs.Customising : Customising(package)).AppendLine()
            .Append(Cost(RunningCost.Estimate(design), design)).AppendLine().Append(Troubleshooting);
        if (review is not null)
        {
            text.AppendLine().AppendLine("## Review").AppendLine()
                .AppendLine($"{(review.Passed ? "Passed" : "Finished with open findings")} after {review.Round} repair round{(review.Round == 1 ? "" : "s")}; see [REVIEW.md](REVIEW.md).");
        }

        return text.ToString();
    }

    private static string QuickStart(string package) => $$"""
        ## Quick start

        You need Python 3.10 to 3.13 and [uv](https://docs.astral.sh/uv/).

        ```bash
        pip install crewai
        cp .env.example .env        # then fill in the keys
        crewai install
        crewai run
        ```

        Results are written to `output/`. Put documents the crew should know about in `knowledge/`; the
        `knowledge_search` tool reads them.

        """;

    private static string Usage(string package) => $$$"""
        ## Usage

        - `crewai run` (or `uv run {{{package}}}`) runs the crew once on the requirement in `src/{{{package}}}/main.py`.
        - `uv run run_with_trigger '{"source": "webhook"}'` runs it with a trigger payload.
        - `uv run train 3 training.pkl`, `uv run replay <task_id>`, `uv run test 2 gpt-4o-mini`: CrewAI's training, replay and evaluation.

        """ + Service($"{package}.api:app", "already carries");

    /// <summary>Running the crew as a service and deploying it; <paramref name="app"/> is the wrapper's ASGI app.</summary>
    internal static string Service(string app, string crewAiTable) => $$$"""
        ### As a service (API)

        ```bash
        uv run uvicorn {{{app}}} --port 8000
        ```

        | Method | Path | What it does |
        |---|---|---|
        | `POST` | `/run` | Starts a run. Body (optional): `{"requirement": "...", "inputs": {"name": "value"}}`. Answers 202 with `{"id", "status_url"}`. |
        | `GET` | `/runs/{id}` | The run: `queued`, `running`, `completed` (with `result`) or `failed` (with `error`); 404 for an unknown id. |
        | `GET` | `/health` | `{"status": "ok"}`, or `misconfigured` with the missing settings. |

        The service refuses to start until every secret in the configuration table is set.

        ### Deploy

        - CrewAI AMP: `crewai deploy` needs a lockfile. Run `crewai install` (or `uv lock`) first so `uv.lock` exists, commit
          it, then `crewai deploy validate` and `crewai deploy create`. `[tool.crewai]` {{{crewAiTable}}} this project's `project_id`.
        - One machine: `docker compose up --build` (reads `.env`; the image installs from `uv.lock` with uv when it exists, with pip otherwise).
        - Azure Container Apps: `azd up` (uses `azure.yaml` and `infra/main.bicep`; set each secret first with `azd env set NAME value`).

        """;

    private static string Customising(string package) => $$"""
        ## Customising

        - Agents: `src/{{package}}/config/agents.yaml`, each with its `@agent` method in `crew.py`.
        - Tasks: `src/{{package}}/config/tasks.yaml`, each with its `@task` method, in the order they run.
        - Tools: `src/{{package}}/tools/` (BaseTool subclasses with a Pydantic `args_schema`). Each API tool calls
          `tools/http_client.py` with its API's address and credentials from `tools/apis.py`; an unset variable comes back to
          the agent as "NAME is not set: see .env.example", an HTTP error as text it can act on.
        - Knowledge: `knowledge_search` reads `KNOWLEDGE_DIR`, or `./knowledge` in the folder the crew runs from.
        - Tests: `uv run --extra test pytest` runs the offline tests (no model is called); `python -m unittest tests/test_tools.py`
          runs every tool on its own, against a local HTTP server, without crewai or any key.

        """;

    private static string Cost(RunningCostEstimate cost, CrewDesign design) =>
        $"## Estimated running cost\n\nAbout {cost.TokensPerRun:N0} tokens per run on `{cost.Model}`: **${cost.PerRunUsd:0.0000} per run**, "
        + $"${cost.ModelPerMonthUsd:0.00} a month at {cost.RunsPerMonth} runs"
        + (cost.IntegrationsPerMonthUsd > 0 ? $", plus about ${cost.IntegrationsPerMonthUsd:0} a month for {string.Join(", ", design.Integrations.Integrations.Where(system => system.EstimatedMonthlyCostUsd > 0).Select(system => system.Name))}" : "")
        + ". Larger models cost more; see [FEASIBILITY.md](FEASIBILITY.md) for each integration.\n";

    private const string Troubleshooting = """
        ## Troubleshooting

        - **`OPENAI_API_KEY` is not set / 401 from the provider**: copy `.env.example` to `.env` and fill in the key; check it has not been revoked.
        - **Rate limits (429)**: lower how often the crew runs, or use a model with higher limits; CrewAI retries briefly on its own.
        - **A tool answers with an error**: check the tool's `*_URL` and credential in `.env`, and that the account can call that API.
        - **`ModuleNotFoundError`**: run `crewai install` (or `uv sync`) in the project folder.
        - **The service exits at start-up**: it lists the missing settings; set them and start it again.

        """;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

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

    /// <summary>Branding: whom the project was prepared for (by, on its own site) and where its people get support, as a line of its own.</summary>
    private static string PreparedFor(Organisations.OrgBranding? branding, bool whiteLabel) =>
        branding?.DisplayName is { } organisation
            ? $"Prepared {(whiteLabel ? "by" : "for")} **{organisation.Trim()}**{(branding.SupportContact is { } contact ? $" · Support: {contact}" : "")}\n\n"
            : "";

    private static string AgentsGuide(CrewDesign design)
    {
        var package = design.Analysis.PackageName;
        return $$"""
            # Working on this crew

            This is a CrewAI project in the standard `crewai create crew` layout. Notes for coding assistants:

            - Every key in `src/{{package}}/config/agents.yaml` has an `@agent` method of the same name in
              `src/{{package}}/crew.py`; every key in `config/tasks.yaml` has an `@task` method. Add or rename both together.
            - Tasks run in the order of their `@task` methods ({{design.Process}} process). A task's `context` names
              earlier tasks only.
            - `{requirement}` in the YAML is filled from `inputs` in `src/{{package}}/main.py`.
            - Tools subclass `crewai.tools.BaseTool` with a Pydantic `args_schema`; keep them in `tools/`.
            - Secrets go in `.env` (see `.env.example`), never in code.

            """;
    }

    private static string Quote(string requirement) =>
        string.Join('\n', requirement.Split('\n').Select(line => $"> {line.TrimEnd()}"));
}
