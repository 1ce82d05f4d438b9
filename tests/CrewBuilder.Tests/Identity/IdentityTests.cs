using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Identity;

public sealed class IdentityTests(IdentityWorld world) : IClassFixture<IdentityWorld>
{
    [Fact]
    public async Task The_first_authenticated_call_creates_the_user_and_me_returns_their_profile()
    {
        var token = world.Issuer.Issue("carol-subject", "carol@example.com");

        using var response = await world.SendAsync(HttpMethod.Get, "/api/me", token);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UserStore.UserId(world.Issuer.Authority, "carol-subject"), me.GetProperty("id").GetString());
        Assert.Equal("carol@example.com", me.GetProperty("email").GetString());
        Assert.Equal("carol", me.GetProperty("displayName").GetString());
        Assert.Equal("free", me.GetProperty("plan").GetString());
        Assert.Equal(0, me.GetProperty("organisations").GetArrayLength());
    }

    [Fact]
    public async Task Keys_are_cached_and_a_key_the_issuer_publishes_later_is_fetched_when_a_token_names_it()
    {
        for (var i = 0; i < 10; i++)
        {
            using var warm = await world.SendAsync(HttpMethod.Get, "/api/me", world.AliceJwt);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var discoveriesBefore = world.Issuer.DiscoveryRequests;
        using (var cached = await world.SendAsync(HttpMethod.Get, "/api/me", world.AliceJwt))
        {
            Assert.Equal(discoveriesBefore, world.Issuer.DiscoveryRequests);
        }

        var rotated = world.Issuer.Rotate();
        var token = world.Issuer.Issue("alice-subject", "alice@example.com", signWith: rotated);
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await world.SendAsync(HttpMethod.Get, "/api/me", token);
            status = response.StatusCode;
        }
        while (status != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(15) && await Pause());

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task An_api_token_is_shown_once_stored_only_as_a_hash_works_within_its_scopes_and_is_revoked_at_once()
    {
        var created = await world.CreateTokenAsync(world.AliceJwt, "CI pipeline", [Scopes.GenerationsRead]);
        var token = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("id").GetString()!;

        Assert.Matches("^cb_[A-Za-z0-9_-]{43}$", token);
        using (var list = await world.SendAsync(HttpMethod.Get, "/api/tokens", world.AliceJwt))
        {
            var listed = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
                .Single(item => item.GetProperty("id").GetString() == id);
            Assert.Equal(token[..8], listed.GetProperty("prefix").GetString());
            Assert.Equal("CI pipeline", listed.GetProperty("name").GetString());
            Assert.DoesNotContain(token, listed.GetRawText(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(token, await AllStoredTextAsync(), StringComparison.Ordinal);
        using (var allowed = await world.SendAsync(HttpMethod.Get, "/api/generations", token))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var revoke = await world.SendAsync(HttpMethod.Delete, $"/api/tokens/{id}", world.AliceJwt))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var afterRevoke = await world.SendAsync(HttpMethod.Get, "/api/generations", token);
        await GenerationApiTests.AssertProblem(afterRevoke, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_person_without_a_professional_plan_is_told_api_tokens_need_one()
    {
        var token = world.Issuer.Issue("erin-subject", "erin@example.com");

        using var response = await world.SendAsync(HttpMethod.Post, "/api/tokens", token, new { name = "x", scopes = new[] { Scopes.GenerationsRead } });

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.Forbidden, "plan-required");
    }

    [Theory]
    [InlineData("""{ "name": "", "scopes": ["generations:read"] }""", "name")]
    [InlineData("""{ "name": "ok", "scopes": [] }""", "scopes")]
    [InlineData("""{ "name": "ok", "scopes": ["admin:everything"] }""", "scopes")]
    [InlineData("""{ "name": "ok", "scopes": ["generations:read"], "expiresInDays": 0 }""", "expiresInDays")]
    [InlineData("""{ "name": "ok", "scopes": ["generations:read"], "expiresInDays": 400 }""", "expiresInDays")]
    public async Task An_invalid_token_request_is_refused_with_422_naming_the_field(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", world.AliceJwt);

        using var response = await world.Http.SendAsync(request);

        var problem = await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_persons_generations_are_listed_newest_first_in_pages()
    {
        var dave = world.Issuer.Issue("dave-subject", "dave@example.com");
        var client = new GenerationClient(world.Http, dave);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.StartAsync($"Requirement number {i} for a crew that drafts replies")).Id);
        }

        var first = await PageAsync(dave, "?pageSize=2");
        var second = await PageAsync(dave, $"?pageSize=2&continuationToken={Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!)}");

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
        Assert.Equal(JsonValueKind.Null, second.TryGetProperty("continuationToken", out var more) ? more.ValueKind : JsonValueKind.Null);
        Assert.StartsWith("Requirement number 2", first.GetProperty("items")[0].GetProperty("requirement").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=101")]
    [InlineData("?pageSize=ten")]
    public async Task An_impossible_page_size_is_refused_with_422(string query)
    {
        using var response = await world.SendAsync(HttpMethod.Get, "/api/generations" + query, world.AliceJwt);

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
    }

    [Fact]
    public async Task An_anonymous_generation_is_readable_only_with_its_own_access_token()
    {
        var anonymous = new GenerationClient(world.Http);
        var mine = await anonymous.StartAsync();
        var theirs = await anonymous.StartAsync();

        using var withTheirToken = await world.SendAsync(HttpMethod.Get, mine.StatusUrl, theirs.AccessToken);
        using var withoutToken = await world.SendAsync(HttpMethod.Get, mine.StatusUrl, null);
        using var withMine = await world.SendAsync(HttpMethod.Get, mine.StatusUrl, mine.AccessToken);
        using var signedInStranger = await world.SendAsync(HttpMethod.Get, mine.StatusUrl, world.AliceJwt);

        await GenerationApiTests.AssertProblem(withTheirToken, HttpStatusCode.NotFound, "generation-not-found");
        await GenerationApiTests.AssertProblem(withoutToken, HttpStatusCode.Unauthorized, "unauthorized");
        await GenerationApiTests.AssertProblem(signedInStranger, HttpStatusCode.NotFound, "generation-not-found");
        Assert.Equal(HttpStatusCode.OK, withMine.StatusCode);
    }

    private async Task<JsonElement> PageAsync(string bearer, string query)
    {
        using var response = await world.SendAsync(HttpMethod.Get, "/api/generations" + query, bearer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> AllStoredTextAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var table in new[] { ApiTokenStore.TableName, ApiTokenStore.LookupTableName })
        {
            var client = new TableClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + table);
            await foreach (var entity in client.QueryAsync<TableEntity>())
            {
                text.AppendLine(entity.PartitionKey).AppendLine(entity.RowKey).AppendJoin('\n', entity.Select(property => property.Value));
            }
        }

        return text.ToString();
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(200);
        return true;
    }
}
