using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>
/// A self-host whose DNS lookups go to a loopback DNS stand-in, with a provider stand-in and development sign-in:
/// Olive owns Acme Crews, Mia is a member of it, Eve owns another organisation.
/// </summary>
public sealed class WhiteLabelWorld : IAsyncLifetime
{
    public DnsStandIn Dns { get; } = new();

    public ProviderStandIn Providers { get; } = new();

    public SelfHostFactory App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public SignedInPeople People { get; private set; } = null!;

    public string OrgId { get; private set; } = "";

    public string OtherOrgId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = new SelfHostFactory
        {
            Settings =
            {
                ["CREWBUILDER_DEV_AUTH"] = "true",
                ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
                ["WhiteLabel:NameServer"] = Dns.EndPoint,
                ["WhiteLabel:PlatformHosts:0"] = "crewbuilder.dev",
                ["WhiteLabel:PlatformHosts:1"] = "localhost",
            },
        };
        Http = App.CreateClient();
        People = new SignedInPeople(Http);
        foreach (var name in new[] { "olive", "mia", "eve" })
        {
            await People.SignInAsync(name);
        }

        OrgId = (await People.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Acme Crews" })).GetProperty("id").GetString()!;
        OtherOrgId = (await People.JsonAsync(HttpMethod.Post, "/api/orgs", "eve", new { name = "Eve's Shop" })).GetProperty("id").GetString()!;
        var invitation = (await People.JsonAsync(HttpMethod.Post, $"/api/orgs/{OrgId}/invitations", "olive", new { email = "member@example.com", role = "member" })).GetProperty("token").GetString();
        await People.JsonAsync(HttpMethod.Post, "/api/invitations/accept", "mia", new { token = invitation });
    }

    /// <summary>Registers <paramref name="host"/> for Acme Crews, publishes its TXT token and verifies it.</summary>
    public async Task<JsonElement> MapAsync(string host)
    {
        var pending = await People.JsonAsync(HttpMethod.Post, $"/api/orgs/{OrgId}/hostnames", "olive", new { hostname = host });
        Dns.SetTxt(pending.GetProperty("recordName").GetString()!, pending.GetProperty("recordValue").GetString()!);
        return await People.JsonAsync(HttpMethod.Post, $"/api/orgs/{OrgId}/hostnames/{host}/verify", "olive");
    }

    /// <summary>A request as a browser at <paramref name="host"/> sends it (the Host header), anonymously or as <paramref name="who"/>.</summary>
    public async Task<HttpResponseMessage> AtHostAsync(string host, HttpMethod method, string path, string? who = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri($"http://{host}{path}")) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        if (who is not null)
        {
            request.Headers.Authorization = new("Bearer", People.Tokens[who]);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>What a problem says to a person: its field errors.</summary>
    public static async Task<string> ErrorsOfAsync(HttpResponseMessage response) =>
        string.Join(" ", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .SelectMany(field => field.Value.EnumerateArray().Select(error => error.GetString())));

    public async Task<JsonElement> SiteAsync(string host)
    {
        using var response = await AtHostAsync(host, HttpMethod.Get, "/api/site");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<IReadOnlyList<string>> AuditAsync() =>
        [.. (await People.JsonAsync(HttpMethod.Get, $"/api/orgs/{OrgId}/audit", "olive")).GetProperty("items").EnumerateArray()
            .Select(entry => $"{entry.GetProperty("action").GetString()} {entry.GetProperty("target").GetString()} {entry.GetProperty("outcome").GetString()}")];

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Dns.DisposeAsync();
        Providers.Dispose();
    }
}

public sealed class WhiteLabelTests(WhiteLabelWorld world) : IClassFixture<WhiteLabelWorld>
{
    [Fact]
    public async Task A_hostname_is_pending_with_its_TXT_token_until_DNS_carries_it_then_shows_the_organisations_brand_until_removed()
    {
        const string host = "crews.acme.test";
        await world.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{world.OrgId}/branding", "olive",
            new { displayName = "Acme Crews", primaryColor = "#0f766e", supportContact = "help@acme.test", footerLinks = new[] { new { label = "Terms", url = "https://acme.test/terms" } } });

        using var registered = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames", "olive", new { hostname = "Crews.Acme.Test." });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var pending = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((host, "pending", "_crewbuilder-verify.crews.acme.test", "TXT"),
            (pending.GetProperty("hostname").GetString(), pending.GetProperty("status").GetString(), pending.GetProperty("recordName").GetString(), pending.GetProperty("recordType").GetString()));
        var value = pending.GetProperty("recordValue").GetString()!;
        Assert.Matches("^crewbuilder-verify=[0-9a-f]{32}$", value);
        Assert.False((await world.SiteAsync(host)).GetProperty("whiteLabel").GetBoolean());

        var queries = world.Dns.Queries;
        using var noRecord = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames/{host}/verify", "olive");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noRecord.StatusCode);
        Assert.Contains("There is no TXT record at _crewbuilder-verify.crews.acme.test", await WhiteLabelWorld.ErrorsOfAsync(noRecord), StringComparison.Ordinal);
        Assert.True(world.Dns.Queries > queries, "the verification asked the DNS server");

        world.Dns.SetTxt(pending.GetProperty("recordName").GetString()!, "v=spf1 -all", "crewbuilder-verify=someone-elses-token");
        using var mismatch = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames/{host}/verify", "olive");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        Assert.Contains("does not say", await WhiteLabelWorld.ErrorsOfAsync(mismatch), StringComparison.Ordinal);
        Assert.False((await world.SiteAsync(host)).GetProperty("whiteLabel").GetBoolean());

        world.Dns.SetTxt(pending.GetProperty("recordName").GetString()!, "v=spf1 -all", value);
        var verified = await world.People.JsonAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames/{host}/verify", "olive");
        Assert.Equal("verified", verified.GetProperty("status").GetString());
        var listed = await world.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/hostnames", "olive");
        Assert.Contains((host, "verified"), listed.GetProperty("hostnames").EnumerateArray().Select(h => (h.GetProperty("hostname").GetString(), h.GetProperty("status").GetString())));

        var site = await world.SiteAsync(host);
        Assert.True(site.GetProperty("whiteLabel").GetBoolean());
        Assert.Equal(("Acme Crews", "#0f766e", "help@acme.test"),
            (site.GetProperty("name").GetString(), site.GetProperty("primaryColor").GetString(), site.GetProperty("supportContact").GetString()));
        Assert.Equal("https://acme.test/terms", site.GetProperty("footerLinks")[0].GetProperty("url").GetString());
        Assert.Equal(("CrewBuilder", false), ((await world.SiteAsync("localhost")).GetProperty("name").GetString(), (await world.SiteAsync("localhost")).GetProperty("whiteLabel").GetBoolean()));

        using var removed = await world.People.SendAsync(HttpMethod.Delete, $"/api/orgs/{world.OrgId}/hostnames/{host}", "olive");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False((await world.SiteAsync(host)).GetProperty("whiteLabel").GetBoolean());
        using var again = await world.People.SendAsync(HttpMethod.Delete, $"/api/orgs/{world.OrgId}/hostnames/{host}", "olive");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        var audit = await world.AuditAsync();
        foreach (var expected in new[] { $"hostname.register {host} ok", $"hostname.verify {host} refused: NoRecord", $"hostname.verify {host} refused: OtherValue", $"hostname.verify {host} ok", $"hostname.remove {host} ok" })
        {
            Assert.Contains(expected, audit);
        }
    }

    [Theory]
    [InlineData("203.0.113.7", "not an IP address")]
    [InlineData("[2001:db8::1]", "not an IP address")]
    [InlineData("*.acme.test", "wildcards are not mapped")]
    [InlineData("crewbuilder.dev", "CrewBuilder's own hosts")]
    [InlineData("evil.crewbuilder.dev", "CrewBuilder's own hosts")]
    [InlineData("localhost", "Give a hostname such as")]
    [InlineData("acme..test", "Give a hostname such as")]
    [InlineData("-acme.test", "Give a hostname such as")]
    public async Task A_hostname_that_cannot_be_an_organisations_is_refused_and_nothing_is_registered(string hostname, string reason)
    {
        using var refused = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames", "olive", new { hostname });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await WhiteLabelWorld.ErrorsOfAsync(refused), StringComparison.Ordinal);
        var listed = await world.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/hostnames", "olive");
        Assert.DoesNotContain(listed.GetProperty("hostnames").EnumerateArray(), h => h.GetProperty("hostname").GetString() == hostname);
    }

    [Fact]
    public async Task A_hostname_another_organisation_mapped_is_a_conflict_and_only_owners_and_admins_map_hostnames()
    {
        await world.People.JsonAsync(HttpMethod.Post, $"/api/orgs/{world.OtherOrgId}/hostnames", "eve", new { hostname = "shop.eve.test" });

        using var taken = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames", "olive", new { hostname = "shop.eve.test" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("application/problem+json", taken.Content.Headers.ContentType?.MediaType);

        using var member = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames", "mia", new { hostname = "mia.acme.test" });
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        using var stranger = await world.People.SendAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/hostnames", "eve");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        using var othersHost = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames/shop.eve.test/verify", "olive");
        Assert.Equal(HttpStatusCode.NotFound, othersHost.StatusCode);
        using var anonymous = await world.People.SendAsync(HttpMethod.Post, $"/api/orgs/{world.OrgId}/hostnames", null, new { hostname = "anon.acme.test" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var audit = await world.AuditAsync();
        Assert.Contains("hostname.register shop.eve.test refused: taken", audit);
    }

    [Fact]
    public async Task Anyone_generating_on_a_verified_hostname_uses_the_organisations_key_and_contract_and_gets_a_project_prepared_by_it()
    {
        const string host = "build.acme.test";
        await world.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{world.OrgId}/api-keys/openai", "olive",
            new { encryptedKey = await Jwe.EncryptForAsync(world.Http, ProviderStandIn.ValidOpenAiKey) });
        await world.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{world.OrgId}/branding", "olive", new { displayName = "Acme Crews" });
        await world.MapAsync(host);
        var usedBefore = (await world.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/usage", "olive")) is var before
            ? before.GetProperty("used").GetInt32() + before.GetProperty("reserved").GetInt32() : 0;

        using var platform = await world.AtHostAsync(host, HttpMethod.Post, "/api/generations", body: new { requirement = GenerationClient.Requirement, keySource = "platform" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, platform.StatusCode);
        Assert.Contains("run on Acme Crews's AI", await WhiteLabelWorld.ErrorsOfAsync(platform), StringComparison.Ordinal);

        using var started = await world.AtHostAsync(host, HttpMethod.Post, "/api/generations", body: new { requirement = GenerationClient.Requirement });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = (await started.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var client = new GenerationClient(world.Http);
        client.Remember(accepted);
        var done = await client.WaitForCompletionAsync(accepted.Id);

        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(world.OrgId, done.Organisation?.Id);
        Assert.True(world.Providers.CompletionRequests > 0, "the organisation's key reached the model");
        var usage = await world.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/usage", "olive");
        Assert.Equal(usedBefore + 1, usage.GetProperty("used").GetInt32() + usage.GetProperty("reserved").GetInt32());
        using var zip = new ZipArchive(await client.DownloadAsync(accepted.Id));
        using var readme = new StreamReader(zip.Entries.Single(entry => entry.FullName.EndsWith("/README.md", StringComparison.Ordinal)).Open());
        Assert.Contains("Prepared by **Acme Crews**", await readme.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
