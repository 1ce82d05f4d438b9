using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Gate;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Tests.Generation;
using CrewBuilder.Tests.Support;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Gate;

/// <summary>
/// The gate on a JSON-first project: it builds the crew from crew.jsonc with load_crew as `crewai run` does (the stand-in's
/// loader refusing what crewai's JSON loader refuses), runs the project's tests and a dry run.
/// </summary>
public sealed class JsonLayoutGateTests(ITestOutputHelper output)
{
    private const string TwoSystems = "Triage new Zendesk tickets, search our Notion docs for answers and draft replies.";

    [GateTheory]
    [MemberData(nameof(LocalGateTests.Requirements), MemberType = typeof(LocalGateTests))]
    public async Task A_json_layout_project_builds_from_its_definition_passes_its_tests_and_completes_a_dry_run(string requirement)
    {
        var (_, project) = TemplateProject.Generate(requirement, ProjectLayout.Json);

        var line = await StandInCrewAi.AssertPassesAsync(project);

        Assert.Matches(@"^crew built · \d+ tests passed · dry run completed in \d+\.\d s \(stand-in crewai 0\.0\.0\+stand-in\)$", line);
        output.WriteLine(line);
    }

    [GateFact]
    public void MODEL_ADVANCED_MODEL_and_MANAGER_MODEL_choose_the_models_as_in_the_classic_layout()
    {
        var (template, _) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var design = template with
        {
            Roster = template.Roster with { Process = "hierarchical", Agents = [template.Roster.Agents[0] with { Advanced = true }, .. template.Roster.Agents.Skip(1)] },
        };
        var project = TemplateProject.Finish(design, new CrewProjectWriter().WriteCode(design, "0123456789abcdef0123456789abcdef", ProjectLayout.Json), GenerationMode.Llm, ProjectLayout.Json);
        const string script = "from crewai.project import load_crew\ncrew = load_crew('crew.jsonc')[0]\nfor agent in crew.agents:\n    print(agent.role, '=', agent.llm)\nprint('manager =', crew.manager_llm)";

        var (printed, _) = GeneratedPython.AssertRuns(project, ["-c", script], new Dictionary<string, string>
        {
            ["PYTHONPATH"] = StandInCrewAi.Folder, ["MODEL"] = "anthropic/claude-sonnet-4-5", ["ADVANCED_MODEL"] = "openai/gpt-5", ["MANAGER_MODEL"] = "openai/o3",
        });

        Assert.Equal(
            [.. design.Roster.Agents.Select(agent => $"{agent.Role} = {(agent.Advanced ? "openai/gpt-5" : "anthropic/claude-sonnet-4-5")}"), "manager = openai/o3"],
            printed.TrimEnd().Split('\n'));
    }

    [GateFact]
    public async Task A_field_crewai_does_not_know_fails_the_gate_as_its_json_loader_would()
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var agent = $"agents/{design.Roster.Agents[0].Key}.jsonc";
        var broken = project.With(new ProjectFile(agent, project.Read(agent)!.Replace("  \"role\":", "  \"persona\": \"a ghost\",\n  \"role\":", StringComparison.Ordinal)));

        var result = await StandInCrewAi.GateAsync(broken);

        Assert.True(result.Failed);
        Assert.Contains(result.Findings, finding => finding.StartsWith("Runnable gate: the crew did not build", StringComparison.Ordinal) && finding.Contains("unsupported field(s): persona", StringComparison.Ordinal));
    }

    [GateFact]
    public async Task A_custom_tool_whose_file_is_missing_fails_the_gate()
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var tool = design.Roster.Tools[0].Name;
        var broken = project with { Files = [.. project.Files.Where(file => file.Path != $"tools/{tool}.py")] };

        var result = await StandInCrewAi.GateAsync(broken);

        Assert.True(result.Failed);
        Assert.Contains(result.Errors, error => error.Contains($"Custom tool 'custom:{tool}' not found", StringComparison.Ordinal));
    }
}
