using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

public sealed class OrganisationTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    [Fact]
    public async Task The_last_owner_can_neither_leave_nor_be_demoted_until_there_is_another()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Owners Only" })).GetProperty("id").GetString()!;
        await world.JoinAsync("adam", await world.InviteAsync("olive", "admin", orgId));

        await AssertStatusAsync(HttpStatusCode.Conflict, HttpMethod.Delete, $"/api/orgs/{orgId}/members/{world.UserIds["olive"]}", "olive");
        await AssertStatusAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/api/orgs/{orgId}/members/{world.UserIds["olive"]}", "olive", new { role = "admin" });
        await AssertStatusAsync(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/orgs/{orgId}/members/{world.UserIds["adam"]}", "adam", new { role = "owner" });

        await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"/api/orgs/{orgId}/members/{world.UserIds["adam"]}", "olive", new { role = "owner" });
        await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/orgs/{orgId}/members/{world.UserIds["olive"]}", "olive");

        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/orgs/{orgId}", "olive");
        var members = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/members", "adam");
        Assert.Equal("owner", Assert.Single(members.GetProperty("items").EnumerateArray()).GetProperty("role").GetString());
        var actions = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?pageSize=100", "adam")).GetProperty("items").EnumerateArray()
            .Select(entry => (entry.GetProperty("action").GetString(), entry.GetProperty("outcome").GetString())).ToList();
        Assert.Contains(("member.leave", "refused: last owner"), actions);
        Assert.Contains(("member.leave", "ok"), actions);
    }

    [Fact]
    public async Task An_invitation_works_once_a_forged_one_not_at_all_and_an_admin_cannot_invite_an_owner()
    {
        var invitation = await world.InviteAsync("adam", "member");
        await world.SignInAsync("newcomer");
        await world.SignInAsync("latecomer");

        var joined = await world.JsonAsync(HttpMethod.Post, "/api/invitations/accept", "newcomer", new { token = invitation });

        Assert.Equal(("member", world.OrgId), (joined.GetProperty("role").GetString(), joined.GetProperty("id").GetString()));
        await AssertStatusAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/invitations/accept", "latecomer", new { token = invitation });
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/invitations/accept", "latecomer", new { token = invitation[..^3] + "xyz" });
        await AssertStatusAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/orgs/{world.OrgId}/invitations", "adam", new { email = "boss@example.com", role = "owner" });
        await AssertStatusAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, $"/api/orgs/{world.OrgId}/invitations", "adam", new { email = "emperor@example.com", role = "emperor" });
        Assert.DoesNotContain(invitation, await StorageDump.AllTextAsync(world.App), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitations_go_to_an_e_mail_address_wait_in_the_pending_list_and_can_be_sent_again_or_withdrawn()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Invites Inc" })).GetProperty("id").GetString()!;
        await world.SignInAsync("newcomer2");
        using (var noAddress = await world.SendAsync(HttpMethod.Post, $"/api/orgs/{orgId}/invitations", "olive", new { email = "not an address", role = "member" }))
        {
            var problem = await Api.GenerationApiTests.AssertProblem(noAddress, HttpStatusCode.UnprocessableEntity, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        }

        var sam = await world.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/invitations", "olive", new { email = " sam@example.com ", role = "auditor" });
        var kim = await world.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/invitations", "olive", new { email = "kim@example.com", role = "member" });
        var page = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/invitations", "olive");
        var pending = page.GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("id").GetString(), item.GetProperty("email").GetString(), item.GetProperty("role").GetString(), item.GetProperty("expired").GetBoolean())).ToList();

        Assert.Equal([(kim.GetProperty("id").GetString(), "kim@example.com", "member", false), (sam.GetProperty("id").GetString(), "sam@example.com", "auditor", false)], pending);
        Assert.DoesNotContain(sam.GetProperty("token").GetString()!, page.GetRawText(), StringComparison.Ordinal);

        var resent = await world.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/invitations/{sam.GetProperty("id").GetString()}/resend", "olive");
        Assert.NotEqual(sam.GetProperty("token").GetString(), resent.GetProperty("token").GetString());
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/invitations/accept", "newcomer2", new { token = sam.GetProperty("token").GetString() });
        await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/orgs/{orgId}/invitations/{kim.GetProperty("id").GetString()}", "olive");
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/invitations/accept", "newcomer2", new { token = kim.GetProperty("token").GetString() });
        var joined = await world.JsonAsync(HttpMethod.Post, "/api/invitations/accept", "newcomer2", new { token = resent.GetProperty("token").GetString() });

        Assert.Equal("auditor", joined.GetProperty("role").GetString());
        Assert.Empty((await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/invitations", "olive")).GetProperty("items").EnumerateArray());
        var actions = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?pageSize=100", "olive")).GetProperty("items").EnumerateArray()
            .Select(entry => (entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString())).ToList();
        Assert.Contains(("invitation.create", "sam@example.com: auditor"), actions);
        Assert.Contains(("invitation.renew", "sam@example.com: auditor"), actions);
        Assert.Contains(("invitation.revoke", "kim@example.com"), actions);
    }

    [Fact]
    public async Task Nobody_changes_their_own_role_not_even_an_owner_beside_another_owner()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Two Owners" })).GetProperty("id").GetString()!;
        await world.JoinAsync("adam", await world.InviteAsync("olive", "owner", orgId));
        await world.JoinAsync("mia", await world.InviteAsync("olive", "admin", orgId));

        foreach (var (who, role) in new[] { ("olive", "admin"), ("olive", "member"), ("mia", "member"), ("mia", "auditor") })
        {
            using var response = await world.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/members/{world.UserIds[who]}", who, new { role });
            var problem = await Api.GenerationApiTests.AssertProblem(response, HttpStatusCode.Conflict, "own-role");
            Assert.Contains("Another owner or admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var roles = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/members", "olive")).GetProperty("items").EnumerateArray()
            .ToDictionary(member => member.GetProperty("email").GetString()!, member => member.GetProperty("role").GetString());
        Assert.Equal(("owner", "owner", "admin"), (roles["olive@example.com"], roles["adam@example.com"], roles["mia@example.com"]));
        await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"/api/orgs/{orgId}/members/{world.UserIds["olive"]}", "adam", new { role = "admin" });
    }

    [Fact]
    public async Task An_admin_sets_the_organisation_key_and_a_member_generates_with_it_without_ever_seeing_it()
    {
        var saved = await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{world.OrgId}/api-keys/openai", "adam",
            new { encryptedKey = await world.EncryptAsync(ProviderStandIn.ValidOpenAiKey) });
        Assert.Equal("sk-…0000", saved.GetProperty("masked").GetString());

        var client = new GenerationClient(world.Http, world.Tokens["mia"]);
        using var start = await world.SendAsync(HttpMethod.Post, "/api/generations", "mia", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await client.WaitForCompletionAsync(id);

        Assert.Equal((GenerationStatus.Completed, KeySource.Organisation, "openai"), (done.Status, done.KeySource, done.Provider));
        Assert.Contains(world.Providers.Requests, request => request.Credential == ProviderStandIn.ValidOpenAiKey);
        await AssertStatusAsync(HttpStatusCode.Forbidden, HttpMethod.Get, $"/api/orgs/{world.OrgId}/api-keys", "mia");
        var audit = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/audit?pageSize=100", "audrey")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(audit, entry => entry.GetProperty("action").GetString() == "key.set" && entry.GetProperty("actor").GetString() == world.UserIds["adam"]);
        Assert.Contains(audit, entry => entry.GetProperty("action").GetString() == "key.use" && entry.GetProperty("actor").GetString() == world.UserIds["mia"]
            && entry.GetProperty("target").GetString()!.Contains(id, StringComparison.Ordinal) && entry.GetProperty("outcome").GetString() == "completed");
        Assert.DoesNotContain(audit, entry => entry.GetRawText().Contains("valid-openai-key", StringComparison.Ordinal));

        using var outsider = await world.SendAsync(HttpMethod.Post, "/api/generations", "eve", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outsider.StatusCode);
    }

    [Fact]
    public async Task Changing_one_audit_row_directly_in_storage_is_caught_and_the_entry_named()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Tamper Test" })).GetProperty("id").GetString()!;
        foreach (var name in new[] { "Tamper Test 2", "Tamper Test 3", "Tamper Test 4" })
        {
            await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Patch, $"/api/orgs/{orgId}", "olive", new { name });
        }

        var intact = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit/verify", "olive");
        Assert.Equal((true, 4), (intact.GetProperty("intact").GetBoolean(), intact.GetProperty("entries").GetInt32()));

        var table = world.Table(AuditLog.TableName);
        var third = (await RowsAsync(AuditLog.TableName, orgId)).Single(e => e.GetInt64("Sequence") == 3);
        third["Target"] = "Nothing to see here";
        await table.UpdateEntityAsync(third, third.ETag, TableUpdateMode.Replace);

        var broken = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit/verify", "olive");
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(3, broken.GetProperty("firstBrokenSequence").GetInt32());
        Assert.Contains("Entry 3", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_filters_by_action_and_actor_and_exports_as_csv()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Filter Test" })).GetProperty("id").GetString()!;
        await world.JoinAsync("tom", await world.InviteAsync("olive", "auditor", orgId));

        var invites = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=invitation.accept", "olive");
        var entry = Assert.Single(invites.GetProperty("items").EnumerateArray());
        Assert.Equal(world.UserIds["tom"], entry.GetProperty("actor").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("clientAddress").GetString())); // where the request came from
        var byOlive = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?actor={world.UserIds["olive"]}", "tom");
        Assert.Equal(["invitation.create", "org.create"], byOlive.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray());
        await AssertStatusAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Get, $"/api/orgs/{orgId}/audit?from=yesterday", "olive");

        using var csv = await world.SendAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit/export", "tom");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,time,actor,action,target,client_address,outcome,previous_hash,hash", lines[0]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Deleting_an_organisation_shreds_its_keys_and_ends_every_membership()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Short Lived" })).GetProperty("id").GetString()!;
        await world.JoinAsync("mia", await world.InviteAsync("olive", "member", orgId));
        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", "olive", new { encryptedKey = await world.EncryptAsync(ProviderStandIn.ValidOpenAiKey) });

        await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/orgs/{orgId}", "olive");

        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/orgs/{orgId}", "olive");
        Assert.DoesNotContain((await world.JsonAsync(HttpMethod.Get, "/api/orgs", "mia")).GetProperty("items").EnumerateArray(),
            org => org.GetProperty("id").GetString() == orgId);
        Assert.Empty(await RowsAsync(DataKeys.TableName, orgId));
        Assert.Empty(await RowsAsync(SavedKeys.TableName, orgId));
    }

    private async Task<List<TableEntity>> RowsAsync(string table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in world.Table(table).QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(entity);
        }

        return rows;
    }

    private async Task AssertStatusAsync(HttpStatusCode expected, HttpMethod method, string url, string who, object? body = null)
    {
        using var response = await world.SendAsync(method, url, who, body);
        Assert.True(expected == response.StatusCode, $"{method} {url} as {who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

public sealed class InvitationExpiryTests : IDisposable
{
    private readonly CoreServices core = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task An_invitation_expires_after_seven_days()
    {
        var invitations = core.Get<Invitations>();
        var fresh = await invitations.CreateAsync("oexpiry", OrgRole.Member, "fresh@example.com", "u1", CancellationToken.None);
        var stale = await invitations.CreateAsync("oexpiry", OrgRole.Member, "stale@example.com", "u1", CancellationToken.None);

        core.Time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(new Redemption.Redeemed("oexpiry", OrgRole.Member), await invitations.RedeemAsync(fresh.Token, "u2", CancellationToken.None));
        core.Time.Advance(TimeSpan.FromDays(1.01));
        Assert.IsType<Redemption.Expired>(await invitations.RedeemAsync(stale.Token, "u3", CancellationToken.None));
    }

    [Fact]
    public async Task Sending_an_invitation_again_gives_a_new_link_and_a_new_week_and_the_old_link_stops_working()
    {
        var invitations = core.Get<Invitations>();
        var sent = await invitations.CreateAsync("oresend", OrgRole.Auditor, "sam@example.com", "u1", CancellationToken.None);
        core.Time.Advance(TimeSpan.FromDays(8));
        Assert.True(Assert.Single((await invitations.PendingAsync("oresend", 20, null, CancellationToken.None)).Items).Expired);

        var again = await invitations.RenewAsync("oresend", sent.Id, CancellationToken.None);

        Assert.NotNull(again);
        Assert.Equal((sent.Id, "sam@example.com", OrgRole.Auditor, core.Time.GetUtcNow() + Invitations.Lifetime), (again.Id, again.Email, again.Role, again.ExpiresAt));
        Assert.NotEqual(sent.Token, again.Token);
        Assert.False(Assert.Single((await invitations.PendingAsync("oresend", 20, null, CancellationToken.None)).Items).Expired);
        Assert.IsType<Redemption.Unknown>(await invitations.RedeemAsync(sent.Token, "u2", CancellationToken.None));
        Assert.Equal(new Redemption.Redeemed("oresend", OrgRole.Auditor), await invitations.RedeemAsync(again.Token, "u2", CancellationToken.None));
        Assert.Empty((await invitations.PendingAsync("oresend", 20, null, CancellationToken.None)).Items);
        Assert.Null(await invitations.RenewAsync("oresend", sent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_withdrawn_invitation_leaves_the_pending_list_and_its_link_stops_working()
    {
        var invitations = core.Get<Invitations>();
        var kept = await invitations.CreateAsync("orevoke", OrgRole.Member, "kept@example.com", "u1", CancellationToken.None);
        var withdrawn = await invitations.CreateAsync("orevoke", OrgRole.Member, "gone@example.com", "u1", CancellationToken.None);

        Assert.Equal("gone@example.com", await invitations.RevokeAsync("orevoke", withdrawn.Id, CancellationToken.None));

        Assert.Equal([kept.Id], (await invitations.PendingAsync("orevoke", 20, null, CancellationToken.None)).Items.Select(item => item.Id));
        Assert.IsType<Redemption.Unknown>(await invitations.RedeemAsync(withdrawn.Token, "u2", CancellationToken.None));
        Assert.Null(await invitations.RevokeAsync("orevoke", withdrawn.Id, CancellationToken.None));
    }
}
