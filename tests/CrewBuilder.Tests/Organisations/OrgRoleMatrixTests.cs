using System.Net;
using CrewBuilder.Core.Api;

namespace CrewBuilder.Tests.Organisations;

/// <summary>Every organisation route against every role and an outsider: allowed ones succeed; refusals get 403/404 and change nothing.</summary>
public sealed class OrgRoleMatrixTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    private static readonly string[] People = ["olive", "adam", "mia", "audrey", "eve"];
    private static readonly string[] Completed = ["generation.completed"];

    // Per route, the status for owner, admin, member, auditor, outsider; 0 where success would spoil the fixture (tested elsewhere).
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["GET /api/orgs/{org}"] = [200, 200, 200, 200, 404],
        ["PATCH /api/orgs/{org}"] = [204, 204, 403, 403, 404],
        ["DELETE /api/orgs/{org}"] = [0, 403, 403, 403, 404],
        ["GET /api/orgs/{org}/members"] = [200, 200, 200, 200, 404],
        ["PUT /api/orgs/{org}/members/{tom}"] = [204, 204, 403, 403, 404],
        ["DELETE /api/orgs/{org}/members/{tom}"] = [0, 0, 403, 403, 404],
        ["POST /api/orgs/{org}/invitations"] = [201, 201, 403, 403, 404],
        ["GET /api/orgs/{org}/invitations"] = [200, 200, 403, 403, 404],
        ["POST /api/orgs/{org}/invitations/{invitation}/resend"] = [404, 404, 403, 403, 404],
        ["DELETE /api/orgs/{org}/invitations/{invitation}"] = [404, 404, 403, 403, 404],
        ["GET /api/orgs/{org}/api-keys"] = [200, 200, 403, 403, 404],
        ["PUT /api/orgs/{org}/api-keys/{provider}"] = [400, 400, 403, 403, 404],
        ["DELETE /api/orgs/{org}/api-keys/{provider}"] = [404, 404, 403, 403, 404],
        ["POST /api/orgs/{org}/api-keys/{provider}/test"] = [404, 404, 403, 403, 404],
        ["PUT /api/orgs/{org}/api-keys/{provider}/pending"] = [400, 400, 403, 403, 404],
        ["POST /api/orgs/{org}/api-keys/{provider}/rotate"] = [404, 404, 403, 403, 404],
        ["GET /api/orgs/{org}/rotation"] = [200, 200, 403, 403, 404],
        ["PUT /api/orgs/{org}/rotation"] = [200, 200, 403, 403, 404],
        ["GET /api/orgs/{org}/generations"] = [200, 200, 403, 403, 404],
        ["GET /api/orgs/{org}/usage"] = [200, 200, 403, 200, 404],
        ["GET /api/orgs/{org}/key-vault"] = [200, 200, 403, 403, 404],
        ["PUT /api/orgs/{org}/key-vault"] = [422, 422, 403, 403, 404],
        ["GET /api/orgs/{org}/dedicated-ai"] = [404, 404, 403, 403, 404],
        ["PUT /api/orgs/{org}/dedicated-ai"] = [422, 422, 403, 403, 404],
        ["DELETE /api/orgs/{org}/dedicated-ai"] = [404, 404, 403, 403, 404],
        ["POST /api/orgs/{org}/dedicated-ai/test"] = [404, 404, 403, 403, 404],
        ["GET /api/orgs/{org}/branding"] = [200, 200, 200, 200, 404],
        ["PUT /api/orgs/{org}/branding"] = [200, 200, 403, 403, 404],
        ["GET /api/orgs/{org}/hostnames"] = [200, 200, 403, 403, 404],
        ["POST /api/orgs/{org}/hostnames"] = [422, 422, 403, 403, 404],
        ["POST /api/orgs/{org}/hostnames/{hostname}/verify"] = [404, 404, 403, 403, 404],
        ["DELETE /api/orgs/{org}/hostnames/{hostname}"] = [404, 404, 403, 403, 404],
        ["GET /api/orgs/{org}/audit"] = [200, 200, 403, 200, 404],
        ["GET /api/orgs/{org}/audit/export"] = [200, 200, 403, 200, 404],
        ["GET /api/orgs/{org}/audit/verify"] = [200, 200, 403, 200, 404],
        ["GET /api/orgs/{org}/webhooks"] = [200, 200, 403, 403, 404],
        ["POST /api/orgs/{org}/webhooks"] = [422, 422, 403, 403, 404],
        ["DELETE /api/orgs/{org}/webhooks/{webhook}"] = [404, 404, 403, 403, 404],
        ["POST /api/orgs/{org}/webhooks/{webhook}/secret"] = [404, 404, 403, 403, 404],
        ["POST /api/orgs/{org}/webhooks/{webhook}/test"] = [404, 404, 403, 403, 404],
        ["GET /api/orgs/{org}/webhooks/{webhook}/deliveries"] = [404, 404, 403, 403, 404],
    };

    /// <summary>The routes this matrix covers, as the Functions metadata names them (the identity matrix covers the rest).</summary>
    public static IEnumerable<string> Routes => Expected.Keys.Select(route => route.Replace("{org}", "{orgId}", StringComparison.Ordinal)
        .Replace("{tom}", "{userId}", StringComparison.Ordinal).Replace("{webhook}", "{id}", StringComparison.Ordinal)
        .Replace("{invitation}", "{invitationId}", StringComparison.Ordinal).Replace("/api/", "api/", StringComparison.Ordinal));

    /// <summary>A hostname of the right shape that no organisation has registered.</summary>
    private const string NoSuchHostname = "crews.unregistered.example";

    /// <summary>An invitation id of the right shape that no invitation has.</summary>
    private const string NoSuchInvitation = "00000000000000000000000000000000";

    [Fact]
    public void The_matrix_covers_every_organisation_route()
    {
        var covered = Routes.Append("POST api/orgs").Append("GET api/orgs").Append("POST api/invitations/accept");
        var organisationRoutes = Api.RouteParityTests.FunctionsRoutes().Where(route => route.Contains("api/orgs", StringComparison.Ordinal) || route.Contains("invitations", StringComparison.Ordinal));

        Assert.Equal(new SortedSet<string>(organisationRoutes), new SortedSet<string>(covered));
    }

    public static TheoryData<string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, int>();
        foreach (var (route, statuses) in Expected)
        {
            for (var i = 0; i < People.Length; i++)
            {
                if (statuses[i] != 0)
                {
                    cases.Add(route, People[i], statuses[i]);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_what_the_role_matrix_allows_and_a_refusal_changes_nothing(string route, string who, int expected)
    {
        var before = await world.SnapshotAsync();
        var parts = route.Split(' ');
        var url = parts[1].Replace("{org}", world.OrgId, StringComparison.Ordinal).Replace("{tom}", world.UserIds["tom"], StringComparison.Ordinal)
            .Replace("{provider}", "openai", StringComparison.Ordinal).Replace("{webhook}", "whnosuchendpoint", StringComparison.Ordinal)
            .Replace("{invitation}", NoSuchInvitation, StringComparison.Ordinal).Replace("{hostname}", NoSuchHostname, StringComparison.Ordinal);
        object? body = route switch
        {
            "PATCH /api/orgs/{org}" => new { name = "Acme Support" },
            "PUT /api/orgs/{org}/members/{tom}" => new { role = "member" },
            "POST /api/orgs/{org}/invitations" => new { email = "invitee@example.com", role = "member" },
            "PUT /api/orgs/{org}/api-keys/{provider}" or "PUT /api/orgs/{org}/api-keys/{provider}/pending" => new { encryptedKey = "not-a-jwe" },
            "PUT /api/orgs/{org}/rotation" => new { maxKeyAgeDays = 30 },
            "PUT /api/orgs/{org}/branding" => new { displayName = "Acme Support" },
            "PUT /api/orgs/{org}/key-vault" => new { keyVaultUri = "https://not-a-vault.example/" },
            "PUT /api/orgs/{org}/dedicated-ai" => new { kind = "azureOpenAi", baseUrl = "https://llm.example.com/", apiVersion = "2024-10-21", standardModel = "gpt-4o", encryptedKey = "not-a-jwe" },
            "POST /api/orgs/{org}/hostnames" => new { hostname = "192.0.2.1" },
            "POST /api/orgs/{org}/webhooks" => new { url = "http://not-https.example/in", events = Completed },
            _ => null,
        };

        using var response = await world.SendAsync(new HttpMethod(parts[0]), url, who, body);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected is 403 or 404)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, await world.SnapshotAsync());
        }
    }

    [Fact]
    public async Task Without_signing_in_every_organisation_route_answers_401()
    {
        foreach (var route in Expected.Keys)
        {
            var parts = route.Split(' ');
            using var response = await world.SendAsync(new HttpMethod(parts[0]), parts[1].Replace("{org}", world.OrgId, StringComparison.Ordinal)
                .Replace("{webhook}", "whnosuchendpoint", StringComparison.Ordinal).Replace("{invitation}", NoSuchInvitation, StringComparison.Ordinal)
                .Replace("{hostname}", NoSuchHostname, StringComparison.Ordinal), null);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
