using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Gate;
using CrewBuilder.Tests.Generation;
using CrewBuilder.Tests.Support;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Gate;

/// <summary>
/// The gate's local adapter, on the stand-in crewai: a template project builds, its offline tests pass and its dry run
/// completes; the stand-in fails where crewai's CrewBase would, and the gate says so; without crewai it verifies nothing.
/// </summary>
public sealed class LocalGateTests(ITestOutputHelper output)
{
    private const string Support = "A crew that triages our support inbox and drafts replies for the support team.";

    public static TheoryData<string> Requirements => new()
    {
        Support,
        "Every Monday, total last week's Stripe payouts and post them to the finance channel in Slack.",
        "Research \"hot\" leads with C:\\paths, {curly braces}, 'quotes', emoji 🚀 and\nnew lines; then draft outreach emails.",
    };

    [GateTheory]
    [MemberData(nameof(Requirements))]
    public async Task A_template_project_builds_passes_its_tests_and_completes_a_dry_run(string requirement)
    {
        var (_, project) = TemplateProject.Generate(requirement);

        var line = await StandInCrewAi.AssertPassesAsync(project);

        Assert.Matches(@"^crew built · \d+ tests passed · dry run completed in \d+\.\d s \(stand-in crewai 0\.0\.0\+stand-in\)$", line);
        output.WriteLine(line);
    }

    [GateFact]
    public async Task An_unknown_yaml_key_fails_the_gate_as_crewai_would()
    {
        var project = Changed("config/agents.yaml", yaml => yaml.Replace("  role:", "  persona: a ghost\n  role:", StringComparison.Ordinal));

        var result = await StandInCrewAi.GateAsync(project);

        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.StartsWith("crew did not build", result.Line, StringComparison.Ordinal);
        Assert.Contains(result.Errors, error => error.Contains("unknown field(s) persona", StringComparison.Ordinal));
    }

    [GateFact]
    public async Task A_task_naming_an_agent_no_method_makes_fails_the_gate_and_its_error_reads_as_a_finding()
    {
        var project = Changed("config/tasks.yaml", yaml => yaml.Replace("agent: ", "agent: ghost_", StringComparison.Ordinal));

        var result = await StandInCrewAi.GateAsync(project);

        Assert.True(result.Failed);
        Assert.Contains(result.Findings, finding => finding.StartsWith("Runnable gate: the crew did not build: KeyError", StringComparison.Ordinal) && finding.Contains("'ghost_", StringComparison.Ordinal));
    }

    [GateFact]
    public async Task A_context_task_that_does_not_exist_fails_the_gate()
    {
        var (design, project) = TemplateProject.Generate(Support);
        var first = design.Plan.Tasks[0].Key;
        var path = $"src/{project.PackageName}/config/tasks.yaml";
        var broken = project.With(new ProjectFile(path, project.Read(path)!.Replace($"{first}:\n", $"{first}:\n  context:\n  - nowhere\n", StringComparison.Ordinal)));

        var result = await StandInCrewAi.GateAsync(broken);

        Assert.Contains(result.Errors, error => error.Contains("the task 'nowhere', which no @task method makes", StringComparison.Ordinal));
    }

    [GateFact]
    public async Task A_failing_offline_test_fails_the_gate_with_the_tests_name()
    {
        var project = Changed("main.py", code => code.Replace("return {\"requirement\": REQUIREMENT", "return {\"requirement\": REQUIREMENT + \"!\"", StringComparison.Ordinal));

        var result = await StandInCrewAi.GateAsync(project);

        Assert.True(result.Failed);
        Assert.Contains("1 of ", result.Line, StringComparison.Ordinal);
        Assert.Contains(result.Errors, error => error.Contains("test_running_the_crew_passes_the_requirement_without_calling_a_model", StringComparison.Ordinal));
    }

    [GateFact]
    public async Task A_crew_that_never_finishes_is_stopped_at_the_time_limit()
    {
        var project = Changed("crew.py", code => "import time\ntime.sleep(600)\n" + code);

        var result = await StandInCrewAi.GateAsync(project, StandInCrewAi.Sandbox(TimeSpan.FromSeconds(3)));

        Assert.True(result.Failed);
        Assert.Contains("ran past its 3 s limit", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [GateFact]
    public async Task Without_crewai_the_gate_says_not_verified_here_and_never_passed()
    {
        var (_, project) = TemplateProject.Generate(Support);

        var result = await StandInCrewAi.GateAsync(project, StandInCrewAi.Sandbox(withCrewAi: false));

        Assert.Equal(GateVerdict.NotVerified, result.Verdict);
        Assert.Equal("not verified here: no python3 with crewai on this machine", result.Line);
        Assert.DoesNotContain("passed", result.Line, StringComparison.Ordinal);
    }

    private static GeneratedProject Changed(string pathEnd, Func<string, string> change)
    {
        var (_, project) = TemplateProject.Generate(Support);
        var file = project.Files.Single(f => f.Path == $"src/{project.PackageName}/{pathEnd}");
        return project.With(file with { Content = change(file.Content) });
    }
}
