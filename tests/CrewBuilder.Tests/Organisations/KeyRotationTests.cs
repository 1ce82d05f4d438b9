using System.Net.Http.Json;
using System.Net;
using Azure.Data.Tables;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Organisations;

/// <summary>Staged rotation, reminders and retirement of organisation keys, across months of a fake clock.</summary>
public sealed class KeyRotationTests : IDisposable
{
    private const string FirstKey = "sk-proj-" + "valid-first-rotation-key-00000";
    private const string SecondKey = "sk-proj-" + "valid-second-rotation-key-0000";
    private const string RefusedKey = "sk-proj-" + "refused-rotation-key-000000000";
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ProviderStandIn providers = new();
    private readonly CoreServices core;
    private readonly CancellationToken none = CancellationToken.None;

    public KeyRotationTests() => core = new CoreServices(Start, new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = providers.OpenAiBaseUrl });

    public void Dispose()
    {
        core.Dispose();
        providers.Dispose();
    }

    [Fact]
    public async Task Keys_are_reminded_before_they_are_due_rotated_in_stages_under_a_stable_id_and_old_keys_retired_after_the_grace_period()
    {
        var org = await core.Get<OrganisationStore>().CreateAsync("Rotating Co", "u-owner", "owner@example.com", none);
        var saved = core.Get<SavedKeys>();
        var rotation = core.Get<OrgKeyRotation>();
        await saved.SaveAsync(org.Id, Providers.OpenAi, FirstKey, none);
        var keyId = await KeyIdAsync(org.Id);

        core.Time.Advance(TimeSpan.FromDays(22));
        await rotation.RunAsync(none);
        Assert.Empty(await AlertsAsync(org.Id));

        core.Time.Advance(TimeSpan.FromDays(2));
        await rotation.RunAsync(none);
        await rotation.RunAsync(none);
        var reminder = Assert.Single(await AlertsAsync(org.Id));
        Assert.Equal("The OpenAI key of Rotating Co is due for rotation on 1 October 2026.", reminder.Message);

        core.Time.Advance(TimeSpan.FromDays(7));
        await rotation.RunAsync(none);
        Assert.Contains(await AlertsAsync(org.Id), alert => alert.Message.Contains("overdue", StringComparison.Ordinal));

        await rotation.StageAsync(org.Id, Providers.OpenAi, RefusedKey, none);
        Assert.Equal(RotationResult.Rejected, await rotation.ActivateAsync(org.Id, Providers.OpenAi, none));
        Assert.Equal(FirstKey, await saved.RevealAsync(org.Id, Providers.OpenAi, none));

        await rotation.StageAsync(org.Id, Providers.OpenAi, SecondKey, none);
        Assert.Equal(RotationResult.Activated, await rotation.ActivateAsync(org.Id, Providers.OpenAi, none));
        Assert.Equal(SecondKey, await saved.RevealAsync(org.Id, Providers.OpenAi, none));
        Assert.Equal(keyId, await KeyIdAsync(org.Id));
        Assert.Equal(FirstKey, await rotation.FallbackAsync(org.Id, Providers.OpenAi, none));
        var status = Assert.Single(await rotation.StatusAsync(org.Id, none));
        Assert.Equal((core.Time.GetUtcNow().AddDays(30), false, null), (status.DueAt, status.Overdue, status.Pending));
        Assert.Single(await saved.ListAsync(org.Id, none));

        core.Time.Advance(TimeSpan.FromDays(8));
        await rotation.RunAsync(none);
        Assert.Null(await rotation.FallbackAsync(org.Id, Providers.OpenAi, none));
        Assert.Null(await saved.FindAsync(org.Id, StagedKeys.Previous(Providers.OpenAi), none));
        var actions = (await core.Get<AuditLog>().ListAsync(org.Id, new AuditFilter(), 100, null, none)).Items.Select(entry => entry.Action).ToList();
        Assert.Contains("key.retire", actions);
        Assert.Equal(2, actions.Count(action => action == "key.rotation-due"));
        Assert.True((await core.Get<AuditLog>().VerifyAsync(org.Id, none)).Intact);
    }

    private async Task<IReadOnlyList<UsageAlert>> AlertsAsync(string orgId) => await core.Get<IUsageNotifier>().RecentAsync(orgId, 10, none);

    private async Task<string> KeyIdAsync(string orgId)
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, core.StoragePrefix + SavedKeys.TableName);
        return (await table.GetEntityAsync<TableEntity>(orgId, Providers.OpenAi)).Value.GetString("KeyId")!;
    }
}

public sealed class KeyFallbackTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    [Fact]
    public async Task When_the_provider_refuses_a_newly_rotated_key_generations_fall_back_on_the_previous_one_during_the_grace_period()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Fallback Co" })).GetProperty("id").GetString()!;
        await world.JoinAsync("tom", await world.InviteAsync("olive", "member", orgId));
        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", "olive", new { encryptedKey = await world.EncryptAsync(ProviderStandIn.ValidOpenAiKey) });
        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai/pending", "olive",
            new { encryptedKey = await world.EncryptAsync("sk-proj-" + "valid-rotated-key-00000000000") });
        var rotated = await world.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/api-keys/openai/rotate", "olive");
        Assert.Equal("activated", rotated.GetProperty("result").GetString());
        // The new key is revoked at the provider after rotation: what a leaked key's owner would do.
        await world.App.Services.GetRequiredService<SavedKeys>().SaveAsync(orgId, Providers.OpenAi, "sk-proj-" + "revoked-after-rotation-00000", CancellationToken.None);

        using var start = await world.SendAsync(HttpMethod.Post, "/api/generations", "tom", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(world.Http, world.Tokens["tom"]).WaitForCompletionAsync(id);

        Assert.Equal(GenerationStatus.Completed, done.Status);
        var audit = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=key.fallback", "olive");
        // Each model step that met the refused key fell back, and each fallback is in the log.
        Assert.All(audit.GetProperty("items").EnumerateArray(), entry => Assert.Contains(id, entry.GetProperty("target").GetString(), StringComparison.Ordinal));
        Assert.NotEmpty(audit.GetProperty("items").EnumerateArray());
        var rotation = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/rotation", "olive");
        Assert.Equal(30, rotation.GetProperty("maxKeyAgeDays").GetInt32());
        using var invalid = await world.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/rotation", "olive", new { maxKeyAgeDays = 0 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
    }
}
