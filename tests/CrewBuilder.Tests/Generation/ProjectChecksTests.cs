using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrewBuilder.Tests.Generation;

/// <summary>The deterministic review finds each kind of problem, and says where without quoting a secret.</summary>
public sealed class ProjectChecksTests
{
    private const string Requirement = "A crew that triages our support inbox and drafts replies.";

    [Fact]
    public async Task A_task_naming_an_agent_that_does_not_exist_is_found()
    {
        var problems = await ProblemsAfterAsync("config/tasks.yaml", yaml => yaml.Replace("agent: ", "agent: ghost_", StringComparison.Ordinal), "Names bind");

        Assert.Contains(problems, problem => problem.Contains("ghost_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_building_on_a_later_one_is_found()
    {
        var (design, project) = TemplateProject.Generate(Requirement);
        var tasksPath = project.Files.Single(f => f.Path.EndsWith("config/tasks.yaml", StringComparison.Ordinal)).Path;
        var first = design.Plan.Tasks[0].Key;
        var last = design.Plan.Tasks[^1].Key;
        var broken = project.With(new ProjectFile(tasksPath, project.Read(tasksPath)!.Replace($"{first}:\n", $"{first}:\n  context:\n  - {last}\n", StringComparison.Ordinal)));

        var check = (await TemplateProject.Checks.RunAsync(design, broken, CancellationToken.None)).Single(c => c.Name == "Dependencies acyclic");

        Assert.Contains($"The task '{first}' depends on '{last}', which does not run before it.", check.Problems);
    }

    [Fact]
    public async Task A_missing_crew_file_is_found()
    {
        var (design, project) = TemplateProject.Generate(Requirement);
        var broken = project with { Files = [.. project.Files.Where(f => !f.Path.EndsWith("/crew.py", StringComparison.Ordinal))] };

        var check = (await TemplateProject.Checks.RunAsync(design, broken, CancellationToken.None)).Single(c => c.Name == "Required files");

        Assert.Contains(check.Problems, problem => problem.Contains("crew.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_environment_variable_the_code_reads_but_the_example_does_not_list_is_found()
    {
        var problems = await ProblemsAfterAsync("/crew.py", code => code + "\nTIMEOUT = os.environ.get(\"CRM_TIMEOUT\", \"30\")\n", "Environment documented");

        Assert.Contains(problems, problem => problem.Contains("CRM_TIMEOUT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_in_any_file_is_found_and_not_quoted()
    {
        var key = "sk-proj-" + "reviewcanary000000000000000000";
        var problems = await ProblemsAfterAsync("README.md", readme => readme + $"\nOPENAI_API_KEY={key}\n", "No secrets");

        Assert.Contains("README.md line", Assert.Single(problems), StringComparison.Ordinal);
        Assert.DoesNotContain(problems, problem => problem.Contains("reviewcanary", StringComparison.Ordinal));
    }

    [PythonFact]
    public async Task Python_that_does_not_parse_is_found_with_its_line()
    {
        var problems = await ProblemsAfterAsync("/crew.py", code => code + "\ndef broken(:\n    pass\n", "Python parses");

        Assert.Contains(problems, problem => problem.Contains("crew.py line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_requirement_point_no_task_answers_is_found()
    {
        var (design, project) = TemplateProject.Generate(Requirement);
        var untraced = design with { Plan = new TaskPlan([.. design.Plan.Tasks.Select(task => task with { Covers = [] })]) };

        var check = (await TemplateProject.Checks.RunAsync(untraced, project, CancellationToken.None)).Single(c => c.Name == "Requirement traced");

        Assert.Equal(design.Analysis.RequirementPoints.Count, check.Problems.Count);
    }

    [Fact]
    public void Without_python3_the_structural_check_finds_unclosed_brackets_and_strings()
    {
        var problems = PythonSyntax.Structural(new()
        {
            ["a.py"] = "print((1, 2)\n",
            ["b.py"] = "x = \"never closed\n",
            ["c.py"] = "ok = {'a': [1, 2]}  # (not counted)\ns = \"\"\"multi\nline\"\"\"\n",
        });

        Assert.Equal(["a.py line 1: '(' is never closed", "b.py line 1: a string is never closed"], problems);
    }

    [PythonFact]
    public async Task The_long_lived_parser_answers_review_after_review()
    {
        using var python = new PythonSyntax(NullLogger<PythonSyntax>.Instance);

        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(await python.ProblemsAsync([new ProjectFile("ok.py", $"x = {i}\n")], CancellationToken.None));
            Assert.Single(await python.ProblemsAsync([new ProjectFile("bad.py", "def (\n")], CancellationToken.None));
        }
    }

    private static async Task<IReadOnlyList<string>> ProblemsAfterAsync(string pathEnd, Func<string, string> change, string checkName)
    {
        var (design, project) = TemplateProject.Generate(Requirement);
        var file = project.Files.First(f => f.Path.EndsWith(pathEnd, StringComparison.Ordinal) && !f.Path.StartsWith("tests/", StringComparison.Ordinal));
        var broken = project.With(file with { Content = change(file.Content) });

        var checks = await TemplateProject.Checks.RunAsync(design, broken, CancellationToken.None);

        Assert.True(checks.Where(check => check.Name != checkName).All(check => check.Passed), "only the check under test should fail");
        return checks.Single(check => check.Name == checkName).Problems;
    }
}
