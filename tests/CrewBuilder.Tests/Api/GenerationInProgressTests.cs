using System.Net.Http.Json;
using System.Net;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Api;

public sealed class GenerationInProgressTests : IClassFixture<GenerationInProgressTests.SlowSelfHost>
{
    private readonly GenerationClient client;

    public GenerationInProgressTests(SlowSelfHost app) => client = new GenerationClient(app.CreateClient());

    [Fact]
    public async Task While_running_the_status_shows_honest_partial_progress_and_the_artifact_is_not_ready()
    {
        var accepted = await client.StartAsync();

        var running = await client.WaitAsync(accepted.Id,
            view => view.Steps.Any(step => step.Status == StepStatus.Completed), TimeSpan.FromSeconds(30));

        Assert.Equal(GenerationStatus.Running, running.Status);
        Assert.InRange(running.Progress, 1, 99);
        Assert.Equal(running.Steps.Count(s => s.Status == StepStatus.Completed) * 100 / GenerationSteps.All.Count, running.Progress);
        Assert.Null(running.CompletedAt);
        Assert.Empty(running.Files);
        using var download = await client.SendAsync(HttpMethod.Get, $"/api/generations/{accepted.Id}/artifact", client.AccessTokenOf(accepted.Id));
        await GenerationApiTests.AssertProblem(download, HttpStatusCode.NotFound, "artifact-not-ready");
    }

    public sealed class SlowSelfHost : IDisposable
    {
        private readonly SelfHostFactory factory = new() { TemplateStepDelay = TimeSpan.FromMilliseconds(700) };

        public HttpClient CreateClient() => factory.CreateClient();

        public void Dispose() => factory.Dispose();
    }
}

public sealed class AnonymousLimitTests
{
    [Fact]
    public async Task An_address_starting_too_many_generations_without_an_account_gets_429_with_retry_after_and_nothing_is_started()
    {
        using var app = new SelfHostFactory { Settings = { ["Generation:AnonymousPerHour"] = "2" } };
        var client = new GenerationClient(app.CreateClient());
        await client.StartAsync();
        await client.StartAsync();

        using var third = await client.Http.PostAsJsonAsync("/api/generations", new { requirement = GenerationClient.Requirement });

        await GenerationApiTests.AssertProblem(third, HttpStatusCode.TooManyRequests, "too-many-anonymous-generations");
        Assert.InRange(third.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var table = new Azure.Data.Tables.TableClient(AzuriteServer.Instance.ConnectionString, app.StoragePrefix + GenerationStore.TableName);
        var stored = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]))
        {
            stored++;
        }

        Assert.Equal(2, stored);
    }
}

public sealed class TenantLimitTests
{
    [Fact]
    public async Task An_account_starting_too_many_generations_an_hour_gets_429_and_its_plan_is_not_charged()
    {
        using var app = new SelfHostFactory { Settings = { ["Generation:TenantPerHour"] = "2", ["CREWBUILDER_DEV_AUTH"] = "true" } };
        var http = app.CreateClient();
        using var signIn = await http.PostAsJsonAsync("/api/dev/sign-in", new { email = "busy@example.com", plan = "basic" });
        var token = (await signIn.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
        var client = new GenerationClient(http, token);
        await client.StartAsync();
        await client.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations") { Content = JsonContent.Create(new { requirement = GenerationClient.Requirement }) };
        request.Headers.Authorization = new("Bearer", token);
        using var third = await http.SendAsync(request);

        await GenerationApiTests.AssertProblem(third, HttpStatusCode.TooManyRequests, "too-many-generations");
        Assert.InRange(third.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        using var usage = await client.SendAsync(HttpMethod.Get, "/api/usage");
        var counted = await usage.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(2, counted.GetProperty("used").GetInt32() + counted.GetProperty("reserved").GetInt32());
    }
}
