using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Identity;

/// <summary>Every route against every kind of credential: the right status, and nothing changed by a refusal.</summary>
public sealed class AccessMatrixTests(IdentityWorld world) : IClassFixture<IdentityWorld>
{
    private static readonly string[] Routes =
    [
        "POST /api/generations", "GET /api/generations", "GET /api/generations/{generation}", "GET /api/generations/{generation}/artifact",
        "GET /api/me", "POST /api/tokens", "GET /api/tokens", "DELETE /api/tokens/{token}", "GET /api/me/export", "DELETE /api/me",
        "GET /api/settings/api-keys", "PUT /api/settings/api-keys/{provider}", "DELETE /api/settings/api-keys/{provider}",
        "POST /api/settings/api-keys/{provider}/test", "GET /api/usage", "GET /api/usage/history", "GET /api/usage/history/export",
        "POST /api/billing/portal", "GET /api/platform/usage", "GET /api/orgs", "POST /api/orgs", "POST /api/invitations/accept",
        "PUT /api/platform/orgs/{orgId}/contract", "GET /api/generations/{generation}/files/{*path}", "DELETE /api/generations/{generation}",
        "POST /api/clarifications", "GET /api/clarifications/{clarification}", "POST /api/clarifications/{clarification}/messages",
        "PUT /api/generations/{generation}/rating", "POST /api/templates", "PUT /api/templates/{template}", "DELETE /api/templates/{template}",
        "POST /api/mcp", "GET /api/webhooks", "POST /api/webhooks", "DELETE /api/webhooks/{webhook}", "POST /api/webhooks/{webhook}/secret",
        "POST /api/webhooks/{webhook}/test", "GET /api/webhooks/{webhook}/deliveries",
        "GET /api/projects", "PATCH /api/projects/{project}", "DELETE /api/projects/{project}",
        "POST /api/settings/api-keys/{provider}/test-unsaved",
    ];

    private static readonly string[] Completed = ["generation.completed"];

    private static readonly string NoSuchId = new('a', 32);

    private static readonly string[] PublicRoutes =
    [
        "GET /api/health", "GET /api/status", "GET /api/site", "GET /api/openapi.json", "GET /api/auth/config", "GET /api/settings/api-keys/encryption-key",
        "GET /api/billing/plans", "POST /api/billing/checkout", "POST /api/billing/credits/lookup", "POST /api/billing/webhook",
        "GET /api/templates", "POST /api/generations/forecast",
    ];

    // Expected status per route, in the order of Routes; 0 where a success would destroy the fixture (tested elsewhere).
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["none"] = [202, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 201, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["alice"] = [202, 200, 200, 200, 200, 201, 200, 0, 200, 0, 200, 422, 404, 404, 200, 200, 200, 404, 403, 200, 201, 404, 403, 200, 409, 201, 404, 404, 200, 201, 404, 404, 200, 200, 422, 404, 404, 404, 404, 200, 404, 404, 422],
        ["bob"] = [202, 200, 404, 404, 200, 403, 200, 404, 200, 0, 200, 422, 404, 404, 200, 200, 200, 404, 403, 200, 201, 404, 403, 404, 404, 201, 404, 404, 404, 403, 403, 404, 200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 422],
        ["expired"] = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["wrong audience"] = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["wrong issuer"] = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["forged signature"] = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["revoked token"] = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["garbage"] = [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["read-only token"] = [403, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 403, 403, 404, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403],
        ["full token"] = [202, 200, 200, 200, 200, 403, 403, 403, 403, 403, 200, 422, 404, 404, 200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 409, 201, 404, 404, 200, 201, 404, 404, 200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 422],
    };

    [Fact]
    public void The_matrix_covers_every_route_that_is_not_public()
    {
        var covered = Routes.Select(route => route.Replace("{generation}", "{id}", StringComparison.Ordinal).Replace("{token}", "{id}", StringComparison.Ordinal)
            .Replace("{clarification}", "{id}", StringComparison.Ordinal).Replace("{template}", "{id}", StringComparison.Ordinal)
            .Replace("{webhook}", "{id}", StringComparison.Ordinal).Replace("{project}", "{id}", StringComparison.Ordinal).Replace("/api/", "api/", StringComparison.Ordinal)).Concat(PublicRoutes.Select(route => route.Replace("/api/", "api/", StringComparison.Ordinal)))
            .Concat(Organisations.OrgRoleMatrixTests.Routes);

        Assert.Equal(Api.RouteParityTests.FunctionsRoutes(), new SortedSet<string>(covered));
    }

    public static TheoryData<string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, int>();
        foreach (var (credential, statuses) in Expected)
        {
            for (var i = 0; i < Routes.Length; i++)
            {
                if (statuses[i] != 0)
                {
                    cases.Add(Routes[i], credential, statuses[i]);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_route_answers_each_credential_as_it_should_and_a_refusal_changes_nothing(string route, string credential, int expected)
    {
        var before = await SnapshotAsync();
        var (method, url) = Resolve(route);
        object? body = (method.Method, url) switch
        {
            ("POST", "/api/generations") => new { requirement = GenerationClient.Requirement },
            ("POST", "/api/tokens") => new { name = "matrix", scopes = new[] { Scopes.GenerationsRead }, expiresInDays = 1 },
            ("DELETE", "/api/me") => new { confirmEmail = "alice@example.com" },
            ("PUT", "/api/settings/api-keys/openai") or ("POST", "/api/settings/api-keys/openai/test-unsaved") => new { key = "sk-" + "plaintext-over-http-0000000000" },
            ("POST", "/api/orgs") => new { name = "Matrix Org" },
            ("POST", "/api/invitations/accept") => new { token = "cbi_onosuchorg.secret" },
            ("PUT", "/api/platform/orgs/{orgId}/contract") => new { generationsPerMonth = 5 },
            ("POST", "/api/clarifications") => new { requirement = GenerationClient.Requirement },
            ("POST", "/api/templates") => new { name = "Matrix", requirement = GenerationClient.Requirement },
            ("PUT", _) when url.StartsWith("/api/templates/", StringComparison.Ordinal) => new { name = "Matrix", requirement = GenerationClient.Requirement },
            ("PUT", _) when url.EndsWith("/rating", StringComparison.Ordinal) => new { stars = 4, comment = "Good start" },
            ("POST", _) when url.EndsWith("/messages", StringComparison.Ordinal) => new { message = "About fifty a day." },
            ("POST", "/api/mcp") => new { jsonrpc = "2.0", id = 1, method = "ping" },
            ("POST", "/api/webhooks") => new { url = "http://not-https.example/in", events = Completed },
            ("PATCH", _) when url.StartsWith("/api/projects/", StringComparison.Ordinal) => new { name = "Matrix" },
            _ => null,
        };

        // MCP's streamable HTTP transport answers only a client that takes both of its answer types.
        string[]? accept = url == "/api/mcp" ? ["application/json", "text/event-stream"] : null;
        using var response = await world.SendAsync(method, url, world.Credentials[credential], body, accept);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, await SnapshotAsync());
        }

        if (expected == 401)
        {
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.DoesNotContain("expired", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("audience", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("signature", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private (HttpMethod Method, string Url) Resolve(string route)
    {
        var parts = route.Split(' ');
        var url = parts[1].Replace("{generation}", world.AliceGenerationId, StringComparison.Ordinal)
            .Replace("{token}", world.AliceTokenId, StringComparison.Ordinal).Replace("{provider}", "openai", StringComparison.Ordinal).Replace("{*path}", "README.md", StringComparison.Ordinal)
            .Replace("{clarification}", NoSuchId, StringComparison.Ordinal).Replace("{template}", NoSuchId, StringComparison.Ordinal)
            .Replace("{webhook}", NoSuchId, StringComparison.Ordinal).Replace("{project}", NoSuchId, StringComparison.Ordinal);
        return (new HttpMethod(parts[0]), url);
    }

    /// <summary>Alice's and Bob's generations and Alice's tokens, as stored.</summary>
    private async Task<string> SnapshotAsync()
    {
        var generations = new TableClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + GenerationStore.TableName);
        var tokens = new TableClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + ApiTokenStore.TableName);
        var rows = new List<string>();
        await foreach (var entity in generations.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            rows.Add($"g:{entity.PartitionKey}/{entity.RowKey}");
        }

        await foreach (var entity in tokens.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            rows.Add($"t:{entity.PartitionKey}/{entity.RowKey}");
        }

        return string.Join('\n', rows.Order());
    }
}
