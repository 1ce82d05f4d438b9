using System.IO.Compression;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Workflow;

public sealed class RestartDurabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_generation_survives_the_self_host_being_killed_mid_way_and_completes_each_step_once()
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = AzuriteServer.Instance.ConnectionString,
            ["Storage__Prefix"] = AzuriteServer.UniqueName("r"),
            ["Durable__TaskHub"] = AzuriteServer.UniqueName("restart"),
            ["Durable__WorkItemVisibilityTimeout"] = "00:00:05",
            ["Generation__TemplateStepDelay"] = "00:00:01",
        };

        string id;
        string accessToken;
        using (var first = await SelfHostProcess.StartAsync(settings))
        {
            var client = new GenerationClient(first.CreateClient());
            var accepted = await client.StartAsync();
            id = accepted.Id;
            accessToken = accepted.AccessToken!;
            var midway = await client.WaitAsync(id, view => view.Steps.Count(s => s.Status == StepStatus.Completed) >= 2, TimeSpan.FromSeconds(60));
            first.Kill();
            output.WriteLine($"Killed the host with {midway.Steps.Count(s => s.Status == StepStatus.Completed)} of {midway.Steps.Count} steps done");
            Assert.Equal(GenerationStatus.Running, midway.Status);
        }

        using var second = await SelfHostProcess.StartAsync(settings);
        var resumed = new GenerationClient(second.CreateClient(), accessToken);
        var done = await resumed.WaitAsync(id, view => view.Status is GenerationStatus.Completed or GenerationStatus.Failed, TimeSpan.FromSeconds(120));

        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(GenerationSteps.All, done.Steps.Select(step => step.Name));
        Assert.All(done.Steps, step => Assert.Equal(StepStatus.Completed, step.Status));
        Assert.Equal(done.Files.Count, done.Files.Select(f => f.Path).Distinct().Count());

        using var zip = new ZipArchive(await resumed.DownloadAsync(id));
        Assert.Equal(done.Files.Count, zip.Entries.Count);
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/crew.py", StringComparison.Ordinal));
    }
}
