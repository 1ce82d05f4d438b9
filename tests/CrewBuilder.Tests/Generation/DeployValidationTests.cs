using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Core.Generation.Review;
using Tomlyn;
using Tomlyn.Model;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// The project is deployable the way <c>crewai deploy validate</c> checks it: each of its checks finds what it finds,
/// the lockfile is named as the one step left to the user, and [tool.crewai] carries a stable project_id.
/// </summary>
public sealed class DeployValidationTests
{
    private const string Requirement = "Monitor competitor prices, compare them with ours and report weekly changes to the sales team.";

    [Fact]
    public void A_template_project_passes_and_the_lockfile_is_the_one_step_left_to_the_user()
    {
        var (_, project) = TemplateProject.Generate(Requirement);

        var check = DeployValidation.Run(project);

        Assert.Empty(check.Problems);
        Assert.Equal(DeployValidation.LockfileStep, check.LeftToUser);
        Assert.Contains($"✅ {DeployValidation.CheckName}\n  - {DeployValidation.LockfileStep}", project.Read("REVIEW.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_name_that_resolves_to_another_folder_is_found()
    {
        var (_, project) = TemplateProject.Generate(Requirement);

        var check = DeployValidation.Run(Changed(project, "pyproject.toml", text => text.Replace($"name = \"{project.PackageName}\"", "name = \"Price-Watch\"", StringComparison.Ordinal)));

        Assert.Contains("src/price_watch/ (from [project].name = \"Price-Watch\") does not exist.", check.Problems);
    }

    [Fact]
    public void A_missing_yaml_a_stale_egg_info_and_an_unlisted_provider_key_are_found()
    {
        var (_, project) = TemplateProject.Generate(Requirement);
        var folder = $"src/{project.PackageName}";
        var broken = project with { Files = [.. project.Files.Where(file => file.Path != $"{folder}/config/tasks.yaml"), new($"src/{project.PackageName}.egg-info/PKG-INFO", "")] };
        broken = Changed(broken, $"{folder}/config/agents.yaml", yaml => yaml + "\nextra:\n  role: uses ${TAVILY_API_KEY}\n");

        var problems = DeployValidation.Run(broken).Problems;

        Assert.Contains($"{folder}/config/tasks.yaml is missing.", problems);
        Assert.Contains($"src/{project.PackageName}.egg-info is a stale build artifact.", problems);
        Assert.Contains(problems, problem => problem.StartsWith("The code reads TAVILY_API_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hatch_project_without_a_wheel_target_or_its_folder_and_an_old_crewai_floor_are_found()
    {
        var (_, project) = TemplateProject.Generate(Requirement);
        var pyproject = project.Read("pyproject.toml")!
            .Replace($"packages = [\"src/{project.PackageName}\"]", "", StringComparison.Ordinal)
            .Replace($"name = \"{project.PackageName}\"", "name = \"elsewhere\"", StringComparison.Ordinal)
            .Replace(">=1.13.0", ">=1.0.0", StringComparison.Ordinal);

        var problems = DeployValidation.Run(project.With(new ProjectFile("pyproject.toml", pyproject))).Problems;

        Assert.Contains(problems, problem => problem.StartsWith("Hatchling cannot tell which files to ship", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("older than 1.13.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Toml_that_does_not_parse_is_found_and_a_lockfile_leaves_nothing_to_the_user()
    {
        var (_, project) = TemplateProject.Generate(Requirement);

        var check = DeployValidation.Run(project.With(new ProjectFile("pyproject.toml", "[project\nname = 1"), new ProjectFile("uv.lock", "version = 1\n")));

        Assert.StartsWith("pyproject.toml is not valid TOML", Assert.Single(check.Problems), StringComparison.Ordinal);
        Assert.Null(check.LeftToUser);
    }

    [Fact]
    public void The_project_id_is_a_uuid_the_same_generation_always_writes_and_another_never_shares()
    {
        var (design, _) = TemplateProject.Generate(Requirement);
        var writer = new CrewProjectWriter();

        string IdOf(string generationId) =>
            (string)((TomlTable)((TomlTable)TomlSerializer.Deserialize<TomlTable>(writer.WriteCode(design, generationId).Read("pyproject.toml")!)!["tool"])["crewai"])["project_id"];

        var first = IdOf("00000000000000000000000000000001");
        Assert.Equal(first, IdOf("00000000000000000000000000000001"));
        Assert.NotEqual(first, IdOf("00000000000000000000000000000002"));
        Assert.Equal(4, Guid.Parse(first).Version);
    }

    [Fact]
    public void The_readme_says_to_lock_before_deploying_and_the_dockerfile_installs_from_the_lock_when_there_is_one()
    {
        var (_, project) = TemplateProject.Generate(Requirement);
        var readme = project.Read("README.md")!;
        var dockerfile = project.Read("Dockerfile")!;

        Assert.True(readme.IndexOf("`crewai install` (or `uv lock`)", StringComparison.Ordinal) is > 0 and var lockAt
                    && lockAt < readme.IndexOf("`crewai deploy create`", StringComparison.Ordinal), readme);
        Assert.Contains("COPY pyproject.toml README.md uv.lock* ./", dockerfile, StringComparison.Ordinal);
        Assert.Contains("if [ -f uv.lock ]; then", dockerfile, StringComparison.Ordinal);
        Assert.Contains("uv export --frozen", dockerfile, StringComparison.Ordinal);
        Assert.Contains("pip install --no-cache-dir . ;", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crewai_tool_that_needs_a_package_of_its_own_brings_it_into_pyproject()
    {
        var (design, _) = TemplateProject.Generate(Requirement);
        var agents = design.Roster.Agents.Select((agent, index) => index == 0 ? agent with { Tools = [.. agent.Tools, "EXASearchTool"] } : agent).ToList();
        var withExa = design with { Roster = design.Roster with { Agents = agents } };

        var project = new CrewProjectWriter().WriteCode(withExa, "00000000000000000000000000000003");
        var dependencies = ((TomlArray)((TomlTable)TomlSerializer.Deserialize<TomlTable>(project.Read("pyproject.toml")!)!["project"])["dependencies"]).OfType<string>().ToList();

        Assert.Contains("exa-py>=1.8.7", dependencies);
        Assert.DoesNotContain(dependencies, dependency => dependency.StartsWith("firecrawl", StringComparison.Ordinal));
        Assert.Contains("EXA_API_KEY=", project.Read(".env.example"), StringComparison.Ordinal);
    }

    private static GeneratedProject Changed(GeneratedProject project, string path, Func<string, string> change) =>
        project.With(new ProjectFile(path, change(project.Read(path)!)));
}
