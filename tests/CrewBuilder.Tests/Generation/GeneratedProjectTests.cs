using System.Diagnostics;
using CrewBuilder.Tests.Support;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Design;
using CrewBuilder.Core.Generation.Project;
using YamlDotNet.RepresentationModel;

namespace CrewBuilder.Tests.Generation;

public sealed class GeneratedProjectTests
{
    public static TheoryData<string> Requirements => new()
    {
        "A crew that triages our support inbox and drafts replies for the support team.",
        "Monitor competitor prices, compare them with ours and report weekly changes to the sales team.",
        "Quarterly insights about customer churn for our subscription business.",
        "Research \"hot\" leads with C:\\paths, {curly braces}, 'quotes', emoji 🚀 and\nnew lines; then draft outreach emails.",
    };

    [Theory]
    [MemberData(nameof(Requirements))]
    public void Project_has_the_standard_crewai_layout(string requirement)
    {
        var (_, project) = TemplateProject.Generate(requirement);
        var package = project.PackageName;
        var paths = project.Files.Select(f => f.Path).ToHashSet();

        Assert.Subset(paths, new HashSet<string>
        {
            "pyproject.toml", "README.md", ".env.example", "AGENTS.md", ".gitignore",
            $"src/{package}/main.py", $"src/{package}/crew.py",
            $"src/{package}/config/agents.yaml", $"src/{package}/config/tasks.yaml", $"src/{package}/tools/__init__.py",
        });
    }

    [PythonTheory]
    [InlineData("Every Monday, total last week's Stripe payouts and post them to the finance channel in Slack.")]
    [InlineData("Triage new Zendesk tickets, search our Notion docs for answers and draft replies.")]
    [InlineData("Find trending YouTube videos about our product and enrich the channels' owners with Apollo.")]
    [InlineData(
        "Each morning, read our Jira issues and Gmail inbox and summarise them.")]
    public void The_projects_tool_tests_run_every_tool_and_pass(string requirement)
    {
        var (design, project) = TemplateProject.Generate(requirement);

        var ran = GeneratedPython.AssertToolTestsPass(project);

        Assert.NotEmpty(design.Roster.Tools);
        Assert.True(ran >= 3 + 3 * design.Roster.Tools.Count, $"{ran} tool tests for {design.Roster.Tools.Count} tools");
    }

    [PythonFact]
    public void Every_catalog_system_is_found_by_its_own_name_and_its_tool_calls_its_api_as_documented()
    {
        var (design, project) = TemplateProject.Generate($"Each day, gather the new records from {string.Join(", ", IntegrationCatalog.All.Select(system => system.Name))} and write a report.");

        var ran = GeneratedPython.AssertToolTestsPass(project);

        Assert.Equal(IntegrationCatalog.All.Select(system => system.Name), design.Feasibility!.Integrations.Select(system => system.Name));
        Assert.Equal(IntegrationCatalog.All.Count, design.Roster.Tools.Count);
        Assert.True(ran >= 3 + 2 * design.Roster.Tools.Count, $"{ran} tool tests for {design.Roster.Tools.Count} tools"); // a public API needs no settings to be missing
    }

    [Fact]
    public void A_known_systems_base_url_variable_holds_its_documented_address_and_no_crew_is_named_twice()
    {
        var (_, project) = TemplateProject.Generate("Every Monday, total last week's Stripe payouts and post them to our finance crew in Slack.");
        var environment = project.Files.Single(file => file.Path == ".env.example").Content;

        Assert.Contains("\nSTRIPE_API_URL=https://api.stripe.com\n", environment, StringComparison.Ordinal);
        Assert.Contains("\nSLACK_API_URL=https://slack.com\n", environment, StringComparison.Ordinal);
        Assert.Contains("- Base URL: `https://api.stripe.com`", project.Files.Single(file => file.Path == "FEASIBILITY.md").Content, StringComparison.Ordinal);
        Assert.DoesNotContain("crew_crew", project.PackageName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Requirements))]
    public void Yaml_parses_and_every_task_names_an_agent_that_exists(string requirement)
    {
        var (_, project) = TemplateProject.Generate(requirement);

        var agents = Mapping(project, "agents.yaml");
        var tasks = Mapping(project, "tasks.yaml");

        Assert.NotEmpty(agents.Children);
        Assert.All(agents.Children.Values.Cast<YamlMappingNode>(), agent =>
            Assert.Subset(agent.Children.Keys.Select(k => k.ToString()).ToHashSet(), new HashSet<string> { "role", "goal", "backstory" }));
        var agentKeys = agents.Children.Keys.Select(k => k.ToString()).ToHashSet();
        Assert.All(tasks.Children.Values.Cast<YamlMappingNode>(), task => Assert.Contains(task["agent"].ToString(), agentKeys));
    }

    [Theory]
    [MemberData(nameof(Requirements))]
    public void Crew_py_has_one_method_per_yaml_key_in_order(string requirement)
    {
        var (design, project) = TemplateProject.Generate(requirement);
        var crew = File(project, "crew.py");

        var positions = design.Roster.Agents.Select(a => a.Key).Concat(design.Plan.Tasks.Select(t => t.Key))
            .Select(key => crew.IndexOf($"    def {key}(self)", StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [PythonTheory]
    [MemberData(nameof(Requirements))]
    public void Every_python_file_compiles(string requirement)
    {
        var (_, project) = TemplateProject.Generate(requirement);

        GeneratedPython.AssertCompiles(project);
    }

    [Theory]
    [MemberData(nameof(Requirements))]
    public async Task Every_check_of_the_review_passes_for_template_projects(string requirement)
    {
        var (design, project) = TemplateProject.Generate(requirement);

        var checks = await TemplateProject.Checks.RunAsync(design, project, CancellationToken.None);

        Assert.All(checks, check => Assert.True(check.Passed, $"{check.Name}: {string.Join(" ", check.Problems)}"));
    }

    [Fact]
    public void The_projects_azd_bicep_compiles_and_lints_clean_and_deploys_a_container_app_with_its_secrets_as_secrets()
    {
        var (_, project) = TemplateProject.Generate("A crew that triages our Zendesk support inbox and posts urgent tickets to Slack.");
        var folder = Directory.CreateTempSubdirectory("crew-infra-");
        try
        {
            var main = Path.Combine(folder.FullName, "main.bicep");
            System.IO.File.WriteAllText(main, project.Read("infra/main.bicep"));

            var bicep = Infrastructure.BicepTemplate.Compile(main);

            Assert.True(bicep.BuildExitCode == 0, bicep.BuildOutput);
            Assert.True(bicep.LintExitCode == 0, bicep.LintOutput);
            var app = Assert.Single(bicep.Resources("Microsoft.App/containerApps"));
            var text = app.ToJsonString();
            Assert.Contains("zendesk-api-token", text, StringComparison.Ordinal);
            Assert.Contains("\"secretRef\":\"openai-api-key\"", text, StringComparison.Ordinal);
            Assert.Contains("azure.yaml", project.Files.Select(f => f.Path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Readme_says_the_project_was_made_in_template_mode()
    {
        var (_, project) = TemplateProject.Generate("A crew that triages our support inbox and drafts replies.");

        Assert.Contains(ProjectDocsWriter.TemplateModeNotice, project.Files.Single(f => f.Path == "README.md").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_draws_the_crew_as_a_mermaid_flowchart_of_its_agents_and_tasks_in_order()
    {
        var (design, project) = TemplateProject.Generate("Monitor competitor prices every week, compare them with ours and report the changes to the sales team.");
        var readme = project.Files.Single(f => f.Path == "README.md").Content;

        var chart = readme[readme.IndexOf("```mermaid\nflowchart TD\n", StringComparison.Ordinal)..];
        chart = chart[..(chart.IndexOf("```\n", 3, StringComparison.Ordinal) + 4)];
        foreach (var agent in design.Roster.Agents)
        {
            Assert.Contains($"    {agent.Key}([\"{agent.Role}\"])", chart, StringComparison.Ordinal);
        }

        var tasks = design.Plan.Tasks;
        Assert.True(tasks.Count >= 2);
        foreach (var task in tasks)
        {
            Assert.Contains($"    {task.Agent} -. does .-> task_{task.Key}", chart, StringComparison.Ordinal);
        }

        for (var i = 1; i < tasks.Count; i++)
        {
            Assert.Contains($"    task_{tasks[i - 1].Key} --> task_{tasks[i].Key}", chart, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_zip_holds_every_file_once_under_the_package_folder()
    {
        var (_, project) = TemplateProject.Generate("A crew that triages our support inbox and drafts replies.");

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(ProjectPackager.Zip(project, DateTimeOffset.UnixEpoch.AddYears(40))));

        Assert.Equal(project.Files.Select(f => $"{project.PackageName}/{f.Path}").Order(), zip.Entries.Select(e => e.FullName).Order());
    }

    private static string File(GeneratedProject project, string name) =>
        project.Files.Single(f => f.Path.EndsWith("/" + name, StringComparison.Ordinal)).Content;

    private static YamlMappingNode Mapping(GeneratedProject project, string name)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File(project, name)));
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }
}
