using System.Net.Http.Json;
using System.Net;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Api;

public sealed class GenerationInProgressTests : IClassFixture<GenerationInProgressTests.SlowSelfHost>
{
    private readonly GenerationClient client;
    private readonly SlowSelfHost app;

    public GenerationInProgressTests(SlowSelfHost app) => (this.app, client) = (app, new GenerationClient(app.CreateClient()));

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

    [Fact]
    public async Task While_running_the_list_shows_it_running_with_its_progress()
    {
        using var signIn = await client.Http.PostAsJsonAsync("/api/dev/sign-in", new { email = "watching@example.com", plan = "basic" });
        var signedIn = new GenerationClient(client.Http, (await signIn.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!);
        var accepted = await signedIn.StartAsync();
        await signedIn.WaitAsync(accepted.Id, view => view.Steps.Any(step => step.Status == StepStatus.Completed), TimeSpan.FromSeconds(30));

        using var list = await signedIn.SendAsync(HttpMethod.Get, "/api/generations");
        var page = (await list.Content.ReadFromJsonAsync<GenerationPage>(Core.Api.ApiJson.Options))!;

        var item = Assert.Single(page.Items, item => item.Id == accepted.Id);
        Assert.Equal(GenerationStatus.Running, item.Status);
        Assert.InRange(item.Progress, 1, 99);
    }

    [Fact]
    public async Task A_running_generation_can_be_cancelled_once_and_then_nothing_more_of_it_runs()
    {
        var accepted = await client.StartAsync();
        await client.WaitAsync(accepted.Id, view => view.Steps.Any(step => step.Status == StepStatus.Completed), TimeSpan.FromSeconds(30));

        using var cancel = await client.SendAsync(HttpMethod.Delete, $"/api/generations/{accepted.Id}", client.AccessTokenOf(accepted.Id));
        var cancelled = (await cancel.Content.ReadFromJsonAsync<GenerationView>(Core.Api.ApiJson.Options))!;
        using var again = await client.SendAsync(HttpMethod.Delete, $"/api/generations/{accepted.Id}", client.AccessTokenOf(accepted.Id));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(GenerationStatus.Cancelled, cancelled.Status);
        Assert.NotNull(cancelled.CompletedAt);
        await GenerationApiTests.AssertProblem(again, HttpStatusCode.Conflict, "generation-ended");
        await WaitForWorkflowStatusAsync(accepted.Id, "Terminated");
        var after = await client.GetAsync(accepted.Id);
        Assert.Equal(GenerationStatus.Cancelled, after.Status);
        Assert.Equal(cancelled.Steps.Count(s => s.Status == StepStatus.Completed), after.Steps.Count(s => s.Status == StepStatus.Completed));
    }

    private async Task WaitForWorkflowStatusAsync(string id, string status)
    {
        var instances = new Azure.Data.Tables.TableClient(AzuriteServer.Instance.ConnectionString, $"{app.Factory.TaskHub}Instances");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await instances.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(id, "")).Value?.GetString("RuntimeStatus") != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The workflow of {id} never became {status}.");
            await Task.Delay(100);
        }
    }

    public sealed class SlowSelfHost : IDisposable
    {
        private readonly SelfHostFactory factory = new() { TemplateStepDelay = TimeSpan.FromMilliseconds(700), Settings = { ["CREWBUILDER_DEV_AUTH"] = "true" } };

        public SelfHostFactory Factory => factory;

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
