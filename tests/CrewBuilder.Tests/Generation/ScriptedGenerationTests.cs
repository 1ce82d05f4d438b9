using System.IO.Compression;
using System.Net.Http.Json;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Tests.Support;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// Full generations with a language model: five requirements kept under test, each answered by the scripted stand-in
/// model through the real OpenAI (and Anthropic) SDK, each project reviewed, compiled and read back from the zip.
/// </summary>
public sealed class ScriptedGenerationTests(LlmWorld world, ITestOutputHelper output) : IClassFixture<LlmWorld>
{
    public static TheoryData<string> Scripts => [.. ModelScripts.Requirements.Select(script => script.Name)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Each_requirement_becomes_a_project_that_passes_every_check_and_compiles(string name)
    {
        var script = ModelScripts.Requirements.Single(s => s.Name == name);
        var client = new GenerationClient(world.Http);

        var done = await client.WaitForCompletionAsync((await client.StartAsync(script.Requirement)).Id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.All(done.Steps, step => Assert.False(string.IsNullOrWhiteSpace(step.Summary), step.Name));
        Assert.Equal((done.Cost!.TokensIn, done.Cost.TokensOut), (done.Steps.Sum(step => step.TokensIn), done.Steps.Sum(step => step.TokensOut)));
        Assert.True(done.Steps.Single(step => step.Name == GenerationSteps.DesignAgents).TokensIn > 0);
        Assert.Equal(0, done.Steps.Single(step => step.Name == GenerationSteps.Package).TokensIn);
        var project = await ProjectOf(client, done);
        var checks = await TemplateProject.Checks.RunAsync(ScriptedDesign(script, project), project, CancellationToken.None);
        Assert.All(checks, check => Assert.True(check.Passed, $"{check.Name}: {string.Join(" ", check.Problems)}"));
        GeneratedPython.AssertCompiles(project);
        var toolTests = GeneratedPython.AssertToolTestsPass(project);
        Assert.Equal(ScriptedSandbox.Passed, done.Steps.Single(step => step.Name == GenerationSteps.Gate).Summary);
        Assert.Contains($"## Runnable gate\n\n✅ {ScriptedSandbox.Passed}", project.Read("REVIEW.md"), StringComparison.Ordinal);
        Assert.Contains($"✅ {DeployValidation.CheckName}", project.Read("REVIEW.md"), StringComparison.Ordinal);
        // The workflow's sandbox here is scripted; the project itself is gated on the stand-in crewai where a python3 can.
        var gate = StandInCrewAi.Python is null ? StandInCrewAi.SkipReason : await StandInCrewAi.AssertPassesAsync(project);
        var readme = project.Read("README.md")!;
        Assert.Contains("## Traceability", readme, StringComparison.Ordinal);
        Assert.Contains("## Estimated running cost", readme, StringComparison.Ordinal);
        Assert.Contains("✅ Python parses", project.Read("REVIEW.md"), StringComparison.Ordinal);
        foreach (var system in script.Answers["analyse"]!["integrations"]!.AsArray())
        {
            Assert.Contains($"## {system}", project.Read("FEASIBILITY.md"), StringComparison.Ordinal);
        }

        var advanced = script.Answers["design-agents"]!["agents"]!.AsArray().Where(agent => (string)agent!["model"]! == "advanced").Select(agent => (string)agent!["name"]!).ToList();
        Assert.Equal(advanced.Count > 0, project.Read(".env.example")!.Contains("ADVANCED_MODEL=gpt-4o", StringComparison.Ordinal));
        var crew = project.Files.Single(f => f.Path == $"src/{project.PackageName}/crew.py").Content;
        Assert.All(advanced, agent => Assert.Matches($@"(?s)def {agent}\(self\) -> Agent:(?:(?!\n    def ).)*?llm=os\.environ\.get\(""ADVANCED_MODEL""", crew));
        Assert.NotNull(done.Summary);
        Assert.True(done.Summary!.CostPerRunUsd > 0);
        Assert.True(done.Cost!.TokensIn > 0);
        output.WriteLine($"{name}: {done.Summary.Agents} agents, {done.Summary.Tasks} tasks, {done.Summary.Complexity}; generation {done.Cost.TokensIn} in + {done.Cost.TokensOut} out tokens; {toolTests} tool tests passed; gate: {gate}");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Each_requirement_in_the_json_layout_passes_every_check_runs_its_tool_tests_and_the_gate(string name)
    {
        var script = ModelScripts.Requirements.Single(s => s.Name == name);
        var client = new GenerationClient(world.Http);

        var done = await client.WaitForCompletionAsync((await client.StartAsync(script.Requirement, "json")).Id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        var project = await ProjectOf(client, done);
        Assert.NotNull(project.Read("crew.jsonc"));
        Assert.DoesNotContain(project.Files, file => file.Path.StartsWith("src/", StringComparison.Ordinal));
        var checks = await TemplateProject.Checks.RunAsync(ScriptedDesign(script, project), project, CancellationToken.None);
        Assert.All(checks, check => Assert.True(check.Passed, $"{check.Name}: {string.Join(" ", check.Problems)}"));
        Assert.Contains(checks, check => check.Name == "JSON parses");
        GeneratedPython.AssertCompiles(project);
        var toolTests = GeneratedPython.AssertToolTestsPass(project);
        Assert.Equal(ScriptedSandbox.Passed, done.Steps.Single(step => step.Name == GenerationSteps.Gate).Summary);
        Assert.Contains($"✅ {DeployValidation.CheckName}", project.Read("REVIEW.md"), StringComparison.Ordinal);
        Assert.Contains("COPY crew.jsonc models.py api.py ./", project.Read("Dockerfile"), StringComparison.Ordinal);
        var gate = StandInCrewAi.Python is null ? StandInCrewAi.SkipReason : await StandInCrewAi.AssertPassesAsync(project);
        output.WriteLine($"{name} (json): {project.Files.Count(file => file.Path.StartsWith("agents/", StringComparison.Ordinal))} agent files; {toolTests} tool tests passed; gate: {gate}");
    }

    [Fact]
    public async Task A_failing_gate_goes_to_the_repair_round_like_a_finding_and_the_repaired_crew_ships_with_the_gates_line()
    {
        var client = new GenerationClient(world.Http);
        var done = await client.WaitForCompletionAsync((await client.StartAsync($"{GenerationClient.Requirement} #gate-fails-once")).Id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.Equal(ScriptedSandbox.Passed, done.Steps.Single(step => step.Name == GenerationSteps.Gate).Summary);
        Assert.True(world.CallsWith("[step:write-code]", "#gate-fails-once", "Runnable gate: the crew did not build") > 0, "the repair round was not told the gate's error");
        var review = await client.ReadFileAsync(done.Id, "REVIEW.md");
        Assert.Contains($"✅ {ScriptedSandbox.Passed}", review, StringComparison.Ordinal);
        Assert.Contains("after 1 repair round.", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_that_still_fails_after_the_repairs_fails_the_generation_with_its_error()
    {
        var done = await world.GenerateWithFaultAsync("#gate-always-fails");

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Contains("did not pass the runnable gate", done.Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Failed, done.Steps.Single(step => step.Name == GenerationSteps.Gate).Status);
        Assert.Equal(GenerationOrchestration.MaxRepairRounds, world.CallsWith("[step:write-code]", "#gate-always-fails", "Runnable gate"));
    }

    [Fact]
    public async Task Findings_of_the_model_review_go_back_to_the_code_step_and_the_repaired_task_ships()
    {
        var script = ModelScripts.Requirements.Single(s => s.Name == "content-pipeline");
        var client = new GenerationClient(world.Http);

        var done = await client.WaitForCompletionAsync((await client.StartAsync($"{script.Requirement} #repair-run")).Id);

        var project = await ProjectOf(client, done);
        Assert.Contains("skipping duplicates", project.Files.Single(f => f.Path.EndsWith("tasks.yaml", StringComparison.Ordinal)).Content, StringComparison.Ordinal);
        Assert.Contains("after 1 repair round.", project.Read("REVIEW.md"), StringComparison.Ordinal);
        Assert.Contains("Process.hierarchical", project.Files.Single(f => f.Path.EndsWith("/crew.py", StringComparison.Ordinal) && f.Path.StartsWith("src/", StringComparison.Ordinal)).Content, StringComparison.Ordinal);
        Assert.Contains(world.Providers.CompletionBodies, body => body.Contains("[step:write-code]", StringComparison.Ordinal) && body.Contains("duplicates are skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_step_asks_for_an_answer_that_satisfies_a_json_schema()
    {
        var client = new GenerationClient(world.Http);
        await client.WaitForCompletionAsync((await client.StartAsync(ModelScripts.Requirements.Single(s => s.Name == "lead-enrichment").Requirement)).Id);

        var asked = world.Providers.CompletionBodies.Where(body => body.Contains("sales leads", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(asked);
        Assert.All(asked, body => Assert.Contains("\"type\":\"json_schema\"", body, StringComparison.Ordinal));
        Assert.All(asked, body => Assert.Contains("\"strict\":true", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_cut_off_mid_json_is_asked_for_again_with_what_was_wrong()
    {
        var done = await world.GenerateWithFaultAsync("#malformed-once");

        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Contains(world.Providers.CompletionBodies, body => body.Contains("#malformed-once", StringComparison.Ordinal)
            && body.Contains("Your previous answer was rejected: The answer was not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answers_that_never_parse_fail_the_step_after_three_attempts_with_a_plain_message()
    {
        var done = await world.GenerateWithFaultAsync("#always-malformed");

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Equal("The model's answers at the analyse step were not valid JSON 3 times (they may have been cut off at the token limit).", done.Error);
        Assert.Equal(3, world.CallsWith("#always-malformed"));
        // The three answers were paid for: the stand-in reports 10 tokens in and 10 out for each.
        Assert.Equal((30, 30), (done.Cost!.TokensIn, done.Cost.TokensOut));
        Assert.Equal(30, done.Steps.Single(step => step.Name == GenerationSteps.Analyse).TokensIn);
    }

    [Fact]
    public async Task A_rule_the_answers_keep_breaking_is_named_with_its_value_in_each_re_ask_and_in_the_failure()
    {
        var done = await world.GenerateWithFaultAsync("#unknown-tool");

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.StartsWith("The model's answers at the design-agents step broke a rule 3 times: Unknown tools 'NoSuchTool'", done.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("try again", done.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, world.CallsWith("#unknown-tool", "[step:design-agents]", "Your previous answer was rejected: Unknown tools 'NoSuchTool'"));
    }

    [Fact]
    public async Task A_storm_of_429s_is_waited_out_on_the_providers_retry_after_and_the_generation_completes()
    {
        var done = await world.GenerateWithFaultAsync("#rate-limited");

        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(4, world.CallsWith("#rate-limited", "[step:analyse]"));
        // The waits are durable timers set to the provider's Retry-After. (Azurite does not yet honour a queue message's
        // visibility delay, Azure/Azurite#2343, so here they fire early; the history still shows what was scheduled.)
        var waits = await TimerWaitsAsync(done.Id);
        Assert.True(waits.Count >= 3, $"{waits.Count} durable timers");
        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5))); // Retry-After: 1, not the back-off of 1, 2, 4 s
    }

    [Fact]
    public async Task A_model_call_that_times_out_is_tried_again()
    {
        var done = await world.GenerateWithFaultAsync("#slow-once");

        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(2, world.CallsWith("#slow-once", "[step:analyse]"));
    }

    [Fact]
    public async Task A_refusal_by_the_model_is_reported_and_not_retried()
    {
        var done = await world.GenerateWithFaultAsync("#refused");

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Equal("The model declined to work on this requirement: I can't help with that request.", done.Error);
        Assert.Single(world.Providers.CompletionBodies, body => body.Contains("#refused", StringComparison.Ordinal));
    }


    /// <summary>For each durable timer in the generation's history: how far ahead of its creation it was set to fire.</summary>
    private async Task<List<TimeSpan>> TimerWaitsAsync(string generationId)
    {
        var history = new Azure.Data.Tables.TableClient(AzuriteServer.Instance.ConnectionString, $"{world.App.TaskHub}History");
        var waits = new List<TimeSpan>();
        await foreach (var row in history.QueryAsync<Azure.Data.Tables.TableEntity>(row => row.PartitionKey == generationId))
        {
            if (row.GetString("EventType") == "TimerCreated")
            {
                waits.Add(row.GetDateTimeOffset("FireAt")!.Value - row.GetDateTimeOffset("_Timestamp")!.Value);
            }
        }

        return waits;
    }

    private static async Task<GeneratedProject> ProjectOf(GenerationClient client, GenerationView done)
    {
        using var zip = new ZipArchive(await client.DownloadAsync(done.Id));
        var root = zip.Entries[0].FullName.Split('/')[0];
        var files = new List<ProjectFile>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files.Add(new ProjectFile(entry.FullName[(root.Length + 1)..], await reader.ReadToEndAsync()));
        }

        return new GeneratedProject(root, files);
    }

    /// <summary>The design the script describes, enough for the checks that trace requirement points to tasks.</summary>
    private static CrewDesign ScriptedDesign(ModelScript script, GeneratedProject project)
    {
        var answers = script.Answers;
        var points = answers["analyse"]!["requirement_points"]!.AsArray().Select(point => (string)point!).ToList();
        var tasks = answers["design-tasks"]!["tasks"]!.AsArray().Select(task => new TaskDesign(
            (string)task!["name"]!, "", "", "", [], null, [.. task["covers"]!.AsArray().Select(index => (int)index!)])).ToList();
        return new CrewDesign(
            new RequirementAnalysis(script.Requirement, "", project.PackageName, "", [], null, points),
            new AgentRoster([]), new TaskPlan(tasks));
    }
}
