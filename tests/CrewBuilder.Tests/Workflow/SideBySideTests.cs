using System.IO.Compression;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Workflow;

/// <summary>
/// Two self-hosts on one stand-in model: one runs the workflow's independent work side by side (as in use), the other
/// one activity after another (Generation:Sequential), to compare.
/// </summary>
public sealed class SideBySideWorld : IDisposable
{
    public SideBySideWorld()
    {
        SideBySide = Host(sequential: false);
        Sequential = Host(sequential: true);
    }

    public ProviderStandIn Providers { get; } = new();

    public SelfHostFactory SideBySide { get; }

    public SelfHostFactory Sequential { get; }

    private SelfHostFactory Host(bool sequential) => new()
    {
        Settings =
        {
            ["OPENAI_API_KEY"] = ProviderStandIn.ValidOpenAiKey,
            ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
            // Longer than a held call waits for the calls it should meet.
            ["Llm:Timeout"] = "00:01:00",
            ["Generation:Sequential"] = sequential ? "true" : "false",
        },
    };

    public void Dispose()
    {
        SideBySide.Dispose();
        Sequential.Dispose();
        Providers.Dispose();
    }
}

public sealed class SideBySideTests(SideBySideWorld world) : IClassFixture<SideBySideWorld>
{
    [Fact]
    public async Task Each_named_system_is_assessed_beside_the_analysis_and_each_tool_written_beside_the_task_plan_and_the_steps_show_their_parts()
    {
        var script = ModelScripts.Requirements.Single(s => s.Name == "lead-enrichment"); // two systems, two custom tools
        var requirement = $"{script.Requirement} #side-by-side";
        bool Asked(string body, params string[] steps) =>
            body.Contains("#side-by-side", StringComparison.Ordinal) && steps.Any(step => body.Contains($"[step:{step}]", StringComparison.Ordinal));
        // Both systems are named in the requirement, so they are assessed while the analysis is made.
        var analysisAndFeasibility = world.Providers.Meet(body => Asked(body, GenerationSteps.Analyse, GenerationSteps.Feasibility), size: 3);
        var planAndTools = world.Providers.Meet(body => Asked(body, GenerationSteps.DesignTasks, GenerationSteps.WriteCode), size: 3);
        var client = new GenerationClient(world.SideBySide.CreateClient());

        var done = await client.WaitForCompletionAsync((await client.StartAsync(requirement)).Id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.True(analysisAndFeasibility.Happened, "The analysis and the two systems' feasibility calls were not in flight together.");
        Assert.True(planAndTools.Happened, "The task plan and the two tools' bodies were not asked for together.");
        Assert.Equal(["HubSpot", "Apollo"], PartsOf(done, GenerationSteps.Feasibility));
        Assert.Equal(["hubspot_leads", "apollo_enrich"], PartsOf(done, GenerationSteps.WriteCode));
        // The model's review reads the agents and the tasks only, so it starts once the plan is in, before the checks of the code.
        Assert.Equal([GenerationOrchestration.ModelReviewPart, GenerationOrchestration.ChecksPart], PartsOf(done, GenerationSteps.Review));
        Assert.All(done.Steps.SelectMany(step => step.Parts ?? []), part => Assert.Equal(StepStatus.Completed, part.Status));
        Assert.All(done.Steps, step => Assert.Equal(StepStatus.Completed, step.Status));
        // Each part was asked once: nothing ran twice for running beside something else.
        Assert.Equal(2, world.Providers.CompletionBodies.Count(body => Asked(body, GenerationSteps.Feasibility)));
        Assert.Equal(2, world.Providers.CompletionBodies.Count(body => Asked(body, GenerationSteps.WriteCode)));
        Assert.Equal(done.Cost!.TokensIn, done.Steps.Sum(step => step.TokensIn));
        Assert.Equal(20 * 2, done.Steps.Single(step => step.Name == GenerationSteps.Feasibility).TokensIn + done.Steps.Single(step => step.Name == GenerationSteps.Feasibility).TokensOut);
    }

    [Fact]
    public async Task Side_by_side_and_one_after_another_make_the_same_project_with_the_same_review_from_the_same_calls()
    {
        // Two systems, two tool bodies written; its answers are the same at every call, so both runs are asked alike.
        var script = ModelScripts.Requirements.Single(s => s.Name == "support-inbox");
        var calls = world.Providers.CompletionRequests;
        var sideBySide = await GenerateAsync(world.SideBySide, script.Requirement);
        var sideBySideCalls = world.Providers.CompletionRequests - calls;
        calls = world.Providers.CompletionRequests;
        var sequential = await GenerateAsync(world.Sequential, script.Requirement);

        Assert.Equal(sideBySideCalls, world.Providers.CompletionRequests - calls);
        Assert.Equal(sequential.Files.Keys.Order(), sideBySide.Files.Keys.Order());
        // Each generation's project_id is its own (derived from its id); every other byte is the same.
        Assert.All(sequential.Files, file => Assert.Equal(WithoutProjectId(file.Value), WithoutProjectId(sideBySide.Files[file.Key])));
        Assert.NotEqual(sequential.Files.Single(f => f.Key.EndsWith("pyproject.toml", StringComparison.Ordinal)).Value,
            sideBySide.Files.Single(f => f.Key.EndsWith("pyproject.toml", StringComparison.Ordinal)).Value);
        Assert.Equal(
            sequential.Done.Steps.Select(step => (step.Name, step.Summary, step.TokensIn, step.TokensOut, Parts: string.Join(", ", (step.Parts ?? []).Select(part => part.Name)))),
            sideBySide.Done.Steps.Select(step => (step.Name, step.Summary, step.TokensIn, step.TokensOut, Parts: string.Join(", ", (step.Parts ?? []).Select(part => part.Name)))));
    }

    private static string WithoutProjectId(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "^project_id = \"[0-9a-f-]{36}\"$", "project_id = \"…\"", System.Text.RegularExpressions.RegexOptions.Multiline);

    private static IEnumerable<string> PartsOf(GenerationView done, string step) =>
        done.Steps.Single(s => s.Name == step).Parts?.Select(part => part.Name) ?? [];

    private static async Task<(GenerationView Done, Dictionary<string, string> Files)> GenerateAsync(SelfHostFactory host, string requirement)
    {
        var client = new GenerationClient(host.CreateClient());
        var done = await client.WaitForCompletionAsync((await client.StartAsync(requirement)).Id);
        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        using var zip = new ZipArchive(await client.DownloadAsync(done.Id));
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return (done, files);
    }
}
