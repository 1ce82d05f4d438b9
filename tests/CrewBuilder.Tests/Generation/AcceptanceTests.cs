using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// Accepting a generation answers before its workflow starts: a hot payer's holds are made together, exactly, and a
/// generation whose accepting process died before starting its workflow is started by the sweep, once, or failed with
/// its quota released when its workflow cannot be started for an hour.
/// </summary>
public sealed class AcceptanceTests : IDisposable
{
    private readonly OidcIssuer issuer = new();
    private readonly CancellationToken none = CancellationToken.None;

    public void Dispose() => issuer.Dispose();

    [Fact]
    public async Task Forty_simultaneous_generations_against_twenty_five_remaining_accept_exactly_twenty_five_and_count_all_forty()
    {
        // Held at their first step, so none completes or fails while the counts are read.
        using var app = new SelfHostFactory { Issuer = issuer, TemplateStepDelay = TimeSpan.FromMinutes(5) };
        using var http = app.CreateClient();
        var token = issuer.Issue("hot-payer", "hot-payer@example.com");
        using (var me = await SendAsync(http, HttpMethod.Get, "/api/me", token))
        {
            me.EnsureSuccessStatusCode();
        }

        var userId = UserStore.UserId(issuer.Authority, "hot-payer");
        await app.Services.GetRequiredService<UserStore>().SetPlanAsync(userId, PlanIds.Professional, none);
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<QuotaLedger>().OpenAsync(userId, PlanIds.Professional, 25, now.AddDays(-1), now.AddDays(29), renews: true, none);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            SendAsync(http, HttpMethod.Post, "/api/generations", token, new { requirement = GenerationClient.Requirement })));

        Assert.Equal(25, responses.Count(response => response.StatusCode == HttpStatusCode.Accepted));
        var refused = responses.Where(response => response.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.Equal(15, refused.Count);
        Assert.All(refused, response => Assert.Equal((HttpStatusCode.TooManyRequests, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType)));
        Assert.Equal("https://crewbuilder.dev/problems/quota-exhausted", (await refused[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        var balance = (await app.Services.GetRequiredService<QuotaLedger>().ReadAsync(userId, none))!;
        Assert.Equal((0, 25, 0), (balance.Used, balance.Reserved, balance.Remaining!.Value));
        var accepted = await Task.WhenAll(responses.Where(response => response.StatusCode == HttpStatusCode.Accepted)
            .Select(async response => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!));
        var (rows, _) = await app.Services.GetRequiredService<GenerationStore>().ListAsync(userId, 100, null, none);
        Assert.Equal(accepted.Order(StringComparer.Ordinal), rows.Select(row => row.RowKey).Order(StringComparer.Ordinal));
        var rate = await app.Services.GetRequiredService<FixedWindowCounters>().ReadAsync("tenant-generations", userId, TimeSpan.FromHours(1), none);
        Assert.Equal(40, rate.Count); // refused requests count against the hourly rate as well, each once

        var scheduler = app.Services.GetRequiredService<IGenerationScheduler>();
        foreach (var id in accepted)
        {
            await WorkflowExistsAsync(scheduler, id);
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_accepted_generation_whose_process_died_before_starting_its_workflow_is_started_by_the_sweep_exactly_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new SelfHostFactory { Clock = clock };
        using var http = app.CreateClient(); // starts the host
        var generations = app.Services.GetRequiredService<GenerationStore>();
        var starts = app.Services.GetRequiredService<GenerationStarts>();
        var scheduler = app.Services.GetRequiredService<IGenerationScheduler>();
        var generation = new GenerationRef(TimeOrderedId.New(clock.GetUtcNow()), "tenant-crashed", GenerationMode.Template);
        // What accepting writes before it answers; the process dies before the workflow's start.
        await generations.AddAsync(generation, GenerationClient.Requirement, null, null, none);
        await starts.OweAsync(new GenerationInput(generation, GenerationClient.Requirement), none);

        Assert.Equal(0, await starts.SweepAsync(scheduler, none)); // within its grace the accepting instance may still start it
        Assert.False(await scheduler.ExistsAsync(generation.GenerationId, none));

        // Past its grace the debt is due: these sweeps, and the host's own minute sweep, race for it; one claims it.
        clock.Advance(GenerationStarts.Grace + TimeSpan.FromSeconds(1));
        var started = await Task.WhenAll(starts.SweepAsync(scheduler, none), starts.SweepAsync(scheduler, none));
        await WorkflowExistsAsync(scheduler, generation.GenerationId);
        var completed = await CompletedAsync(generations, generation);

        Assert.True(started.Sum() <= 1);
        Assert.Equal(GenerationStatus.Completed, completed.StatusValue);
        Assert.Single(app.Logs, line => line.Contains($"Generation {generation.GenerationId} was accepted but its workflow had not started", StringComparison.Ordinal));
        Assert.Single(await app.Services.GetRequiredService<TaskHubClient>().GetOrchestrationStateAsync(generation.GenerationId, allExecutions: true));
        clock.Advance(GenerationStarts.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await starts.SweepAsync(scheduler, none)); // settled: an ended generation is never started again
        Assert.Single(await app.Services.GetRequiredService<TaskHubClient>().GetOrchestrationStateAsync(generation.GenerationId, allExecutions: true));
    }

    [Fact]
    public async Task A_generation_whose_workflow_cannot_be_started_for_an_hour_fails_with_its_quota_released_instead_of_waiting_for_ever()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new SelfHostFactory { Clock = clock, TestServices = RefuseEveryStart };
        using var http = app.CreateClient(); // starts the host
        var generations = app.Services.GetRequiredService<GenerationStore>();
        var starts = app.Services.GetRequiredService<GenerationStarts>();
        var scheduler = app.Services.GetRequiredService<IGenerationScheduler>();
        var ledger = app.Services.GetRequiredService<QuotaLedger>();
        const string account = "account-unstartable";
        await ledger.OpenAsync(account, PlanIds.Basic, 10, clock.GetUtcNow(), clock.GetUtcNow().AddDays(30), renews: true, none);
        var generation = new GenerationRef(TimeOrderedId.New(clock.GetUtcNow()), "tenant-unstartable", GenerationMode.Template, QuotaAccount: account);
        Assert.Equal(ReserveResult.Reserved, (await ledger.ReserveAsync(account, generation.TenantId, generation.GenerationId, none)).Result);
        await generations.AddAsync(generation, GenerationClient.Requirement, null, null, none);
        await starts.OweAsync(new GenerationInput(generation, GenerationClient.Requirement), none);

        // Every sweep within the hour tries again (the host's own minute sweep among them) and the generation waits.
        clock.Advance(GenerationStarts.GiveUpAfter - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await starts.SweepAsync(scheduler, none));
        Assert.False((await generations.FindAsync(generation.TenantId, generation.GenerationId, none))!.Ended);
        Assert.Equal(1, (await ledger.ReadAsync(account, none))!.Reserved);

        clock.Advance(TimeSpan.FromMinutes(2));
        await starts.SweepAsync(scheduler, none);
        var failed = await CompletedAsync(generations, generation);

        Assert.Equal((GenerationStatus.Failed, GenerationStarts.NotStarted), (failed.StatusValue, failed.Error));
        var balance = (await ledger.ReadAsync(account, none))!;
        Assert.Equal((0, 0), (balance.Reserved, balance.Used));
        Assert.False(await scheduler.ExistsAsync(generation.GenerationId, none));
        clock.Advance(GenerationStarts.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await starts.SweepAsync(scheduler, none)); // the debt went with the generation
        Assert.Single(app.Logs, line => line.Contains($"The workflow of generation {generation.GenerationId} could not be started within", StringComparison.Ordinal));
    }

    /// <summary>The task hub as the host has it, except that it refuses every workflow's start, as an unavailable one would.</summary>
    private static void RefuseEveryStart(IServiceCollection services)
    {
        var real = services.Last(service => service.ServiceType == typeof(IGenerationScheduler));
        services.AddSingleton<IGenerationScheduler>(provider => new StartsRefused(
            (IGenerationScheduler)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!)));
    }

    private sealed class StartsRefused(IGenerationScheduler hub) : IGenerationScheduler
    {
        public Task ScheduleAsync(GenerationInput input, CancellationToken cancellationToken) =>
            throw new Azure.RequestFailedException(503, "The task hub's storage is unavailable.");

        public Task<WorkflowProgress?> ProgressAsync(string generationId, CancellationToken cancellationToken) => hub.ProgressAsync(generationId, cancellationToken);

        public Task<bool> ExistsAsync(string generationId, CancellationToken cancellationToken) => hub.ExistsAsync(generationId, cancellationToken);

        public Task CancelAsync(string generationId, CancellationToken cancellationToken) => hub.CancelAsync(generationId, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>The workflow's start follows the answer: waits for it, failing after a generous while.</summary>
    private static async Task WorkflowExistsAsync(IGenerationScheduler scheduler, string generationId)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!await scheduler.ExistsAsync(generationId, patience.Token))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
        }
    }

    private static async Task<GenerationEntity> CompletedAsync(GenerationStore generations, GenerationRef generation)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var row = (await generations.FindAsync(generation.TenantId, generation.GenerationId, patience.Token))!;
            if (row.Ended)
            {
                return row;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), patience.Token);
        }
    }
}
