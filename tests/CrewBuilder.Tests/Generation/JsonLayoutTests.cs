using System.Text.Json;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Tests.Support;
using Tomlyn;
using Tomlyn.Model;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// The JSON-first layout (crewai create crew's default) from the same design as the classic one: the shape its
/// templates write, the review passing on it, and the review finding what crewai's JSON loader would refuse.
/// </summary>
public sealed class JsonLayoutTests
{
    private const string TwoSystems = "Triage new Zendesk tickets, search our Notion docs for answers and draft replies.";
    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static TheoryData<string> Requirements => GeneratedProjectTests.Requirements;

    [Theory]
    [MemberData(nameof(Requirements))]
    public async Task Each_requirement_in_the_json_layout_passes_every_check_and_has_no_package_folder(string requirement)
    {
        var (design, project) = TemplateProject.Generate(requirement, ProjectLayout.Json);

        var checks = await TemplateProject.Checks.RunAsync(design, project, CancellationToken.None);

        Assert.All(checks, check => Assert.True(check.Passed, $"{check.Name}: {string.Join(" ", check.Problems)}"));
        Assert.Contains(checks, check => check.Name == "JSON parses");
        Assert.DoesNotContain(checks, check => check.Name == "YAML parses");
        Assert.DoesNotContain(project.Files, file => file.Path.StartsWith("src/", StringComparison.Ordinal));
        Assert.Equal(DeployValidation.LockfileStep, checks.Single(check => check.Name == DeployValidation.CheckName).LeftToUser);
        GeneratedPython.AssertCompiles(project);
    }

    [Fact]
    public void The_files_keys_and_their_order_are_the_ones_the_clis_json_templates_write()
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);

        HashSet<string> files =
        [
            "pyproject.toml", ".gitignore", "crew.jsonc", "knowledge/user_preference.txt", "skills/.gitkeep", "tools/knowledge_search.py", "api.py",
            .. design.Roster.Agents.Select(agent => $"agents/{agent.Key}.jsonc"), .. design.Roster.Tools.Select(tool => $"tools/{tool.Name}.py"),
        ];
        Assert.Subset(project.Files.Select(file => file.Path).ToHashSet(), files);
        var crewText = project.Read("crew.jsonc")!;
        Assert.Contains("\n  // ", crewText, StringComparison.Ordinal); // JSONC, commented as the CLI's is
        Assert.All(crewText, c => Assert.True(c < 128, "json.dumps writes ASCII only"));
        var crew = Parse(crewText);
        Assert.Equal(["name", "agents", "tasks", "process", "verbose", "memory", "inputs"], Keys(crew));
        Assert.Equal(design.Roster.Agents.Select(agent => agent.Key), crew.GetProperty("agents").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(design.Analysis.Requirement, crew.GetProperty("inputs").GetProperty("requirement").GetString());
        foreach (var (task, planned) in crew.GetProperty("tasks").EnumerateArray().Zip(design.Plan.Tasks))
        {
            string[] expected = ["name", "description", "expected_output", "agent", .. planned.Context.Count > 0 ? ["context"] : Array.Empty<string>(),
                .. planned.OutputFile is null ? Array.Empty<string>() : ["output_file"]];
            Assert.Equal(expected, Keys(task));
            Assert.Equal(planned.Key, task.GetProperty("name").GetString());
        }

        foreach (var agent in design.Roster.Agents)
        {
            var file = Parse(project.Read($"agents/{agent.Key}.jsonc")!);
            Assert.Equal(["role", "goal", "backstory", "llm", "tools", "settings"], Keys(file));
            Assert.Equal(["verbose", "allow_delegation"], Keys(file.GetProperty("settings")));
            Assert.Equal(agent.Advanced ? "models.ADVANCED" : "models.STANDARD", file.GetProperty("llm").GetProperty("python").GetString());
            var tools = file.GetProperty("tools").EnumerateArray().Select(tool => tool.GetString()!).ToList();
            Assert.All(tools.Where(tool => !tool.StartsWith("custom:", StringComparison.Ordinal)), tool => Assert.EndsWith("Tool", tool, StringComparison.Ordinal)); // crewai_tools classes
            Assert.All(tools.Where(tool => tool.StartsWith("custom:", StringComparison.Ordinal)), tool => Assert.NotNull(project.Read($"tools/{tool[7..]}.py")));
        }

        var pyproject = TomlSerializer.Deserialize<TomlTable>(project.Read("pyproject.toml")!)!;
        var crewai = (TomlTable)((TomlTable)pyproject["tool"])["crewai"];
        Assert.Equal(("crew", "crew.jsonc"), ((string)crewai["type"], (string)crewai["definition"]));
        Assert.Matches("^[0-9a-f-]{36}$", (string)crewai["project_id"]);
        var wheel = (TomlTable)((TomlTable)((TomlTable)((TomlTable)pyproject["tool"])["hatch"])["build"])["targets"];
        Assert.Equal(["agents", "crew.jsonc", "models.py", "tools", "knowledge", "skills"], ((TomlArray)((TomlTable)wheel["wheel"])["only-include"]).Cast<string>());
        Assert.Contains("COPY crew.jsonc models.py api.py ./", project.Read("Dockerfile"), StringComparison.Ordinal);
        Assert.Contains("agents/<name>.jsonc", project.Read("README.md"), StringComparison.Ordinal);
    }

    [PythonFact]
    public void The_json_layouts_tools_run_their_own_tests_from_the_project_folder()
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);

        var ran = GeneratedPython.AssertToolTestsPass(project);

        Assert.True(ran >= 3 + 3 * design.Roster.Tools.Count, $"{ran} tool tests for {design.Roster.Tools.Count} tools");
    }

    [Fact]
    public async Task A_task_naming_an_agent_the_crew_does_not_list_is_found()
    {
        var problems = await ProblemsAfterAsync("crew.jsonc", (crew, design) => crew.Replace($"\"agent\": \"{design.Plan.Tasks[0].Agent}\"", "\"agent\": \"ghost\"", StringComparison.Ordinal), "Names bind");

        Assert.Contains(problems, problem => problem.Contains("names the agent 'ghost', which is not in crew.jsonc's agents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_the_crew_lists_without_its_file_is_found()
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var missing = design.Roster.Agents[^1].Key;
        var broken = project with { Files = [.. project.Files.Where(file => file.Path != $"agents/{missing}.jsonc")] };

        var check = (await TemplateProject.Checks.RunAsync(design, broken, CancellationToken.None)).Single(c => c.Name == "Names bind");

        Assert.Contains($"crew.jsonc names the agent '{missing}', but agents/{missing}.jsonc does not exist.", check.Problems);
    }

    [Fact]
    public async Task A_custom_tool_without_its_file_is_found()
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var tool = design.Roster.Tools[0].Name;
        var broken = project with { Files = [.. project.Files.Where(file => file.Path != $"tools/{tool}.py")] };

        var check = (await TemplateProject.Checks.RunAsync(design, broken, CancellationToken.None)).Single(c => c.Name == "Names bind");

        Assert.Contains(check.Problems, problem => problem.EndsWith($"uses 'custom:{tool}', but tools/{tool}.py does not exist.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_reference_models_py_does_not_set_or_a_missing_models_py_is_found()
    {
        var unset = await ProblemsAfterAsync("models.py", (models, _) => models.Replace("STANDARD =", "STANDARDS =", StringComparison.Ordinal), "Names bind");
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var withoutModels = project with { Files = [.. project.Files.Where(file => file.Path != "models.py")] };
        var missing = (await TemplateProject.Checks.RunAsync(design, withoutModels, CancellationToken.None)).Single(c => c.Name == "Names bind").Problems;

        var standard = design.Roster.Agents.First(agent => !agent.Advanced).Key;
        Assert.Contains($"agents/{standard}.jsonc: llm names 'models.STANDARD', but models.py sets no STANDARD.", unset);
        Assert.Contains($"agents/{standard}.jsonc: llm names 'models.STANDARD', but models.py is not in the project, where crewai looks for it.", missing);
    }

    [Fact]
    public async Task A_field_crewai_does_not_know_is_found_as_its_loader_names_it()
    {
        var problems = await ProblemsAfterAsync("crew.jsonc", (crew, _) => crew.Replace("  \"verbose\": true,", "  \"verbose\": true,\n  \"colour\": \"red\",", StringComparison.Ordinal), "JSON parses");

        Assert.Contains("crew.jsonc: unsupported field(s): colour", problems);
    }

    [Fact]
    public async Task Context_naming_a_task_defined_later_is_found()
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var (first, last) = (design.Plan.Tasks[0].Key, design.Plan.Tasks[^1].Key);
        var crew = project.Read("crew.jsonc")!.Replace($"\"name\": \"{first}\",", $"\"name\": \"{first}\",\n      \"context\": [\"{last}\"],", StringComparison.Ordinal);

        var check = (await TemplateProject.Checks.RunAsync(design, project.With(new ProjectFile("crew.jsonc", crew)), CancellationToken.None)).Single(c => c.Name == "Dependencies acyclic");

        Assert.Contains($"The task '{first}' depends on '{last}', which is not defined before it.", check.Problems);
    }

    [Fact]
    public async Task A_placeholder_no_input_fills_and_jsonc_that_does_not_parse_are_found()
    {
        var unfilled = await ProblemsAfterAsync("crew.jsonc", (crew, _) => crew.Replace("\"description\": \"", "\"description\": \"For {team}: ", StringComparison.Ordinal), "Names bind");
        var broken = await ProblemsAfterAsync("crew.jsonc", (crew, _) => crew.Replace("\"tasks\": [", "\"tasks\": [[", StringComparison.Ordinal), "JSON parses");

        Assert.Contains(unfilled, problem => problem.StartsWith("{team} is used, but crew.jsonc's inputs do not fill it", StringComparison.Ordinal));
        Assert.Contains(broken, problem => problem.StartsWith("crew.jsonc does not parse as JSONC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_definition_the_pyproject_names_but_the_project_lacks_fails_crewais_deploy_validation()
    {
        var problems = await ProblemsAfterAsync("pyproject.toml", (toml, _) => toml.Replace("definition = \"crew.jsonc\"", "definition = \"crews/main.jsonc\"", StringComparison.Ordinal), DeployValidation.CheckName);

        Assert.Contains("[tool.crewai] definition 'crews/main.jsonc' does not exist.", problems);
    }

    private static async Task<IReadOnlyList<string>> ProblemsAfterAsync(string path, Func<string, CrewDesign, string> change, string checkName)
    {
        var (design, project) = TemplateProject.Generate(TwoSystems, ProjectLayout.Json);
        var changed = project.With(new ProjectFile(path, change(project.Read(path)!, design)));
        Assert.NotEqual(project.Read(path), changed.Read(path));
        return (await TemplateProject.Checks.RunAsync(design, changed, CancellationToken.None)).Single(check => check.Name == checkName).Problems;
    }

    private static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text, Jsonc);
        return document.RootElement.Clone();
    }

    private static string[] Keys(JsonElement entry) => [.. entry.EnumerateObject().Select(field => field.Name)];
}
