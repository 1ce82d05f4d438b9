using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>
/// A self-host with development sign-in, a provider stand-in, and one organisation: Olive owns it; Adam is an admin,
/// Mia a member, Audrey an auditor, Tom a spare member; Eve belongs to another organisation; Staff is a platform administrator.
/// </summary>
public sealed class OrgWorld : IAsyncLifetime, IDisposable
{
    public ProviderStandIn Providers { get; } = new();

    public SelfHostFactory App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string OrgId { get; private set; } = "";

    public string OtherOrgId { get; private set; } = "";

    public SignedInPeople People { get; private set; } = null!;

    public Dictionary<string, string> Tokens => People.Tokens;

    public Dictionary<string, string> UserIds { get; } = [];

    public async Task InitializeAsync()
    {
        App = new SelfHostFactory
        {
            Settings =
            {
                ["CREWBUILDER_DEV_AUTH"] = "true",
                ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
                ["Admin:UserIds:0"] = UserStore.UserId(DevTokenIssuer.Issuer, "staff@example.com"),
            },
        };
        Http = App.CreateClient();
        People = new SignedInPeople(Http);
        foreach (var name in new[] { "olive", "adam", "mia", "audrey", "tom", "eve", "staff" })
        {
            await SignInAsync(name);
        }

        OrgId = (await JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Acme Support" })).GetProperty("id").GetString()!;
        OtherOrgId = (await JsonAsync(HttpMethod.Post, "/api/orgs", "eve", new { name = "Eve's Shop" })).GetProperty("id").GetString()!;
        foreach (var (name, role) in new[] { ("adam", "admin"), ("mia", "member"), ("audrey", "auditor"), ("tom", "member") })
        {
            await JoinAsync(name, await InviteAsync("olive", role));
        }
    }

    public async Task SignInAsync(string name)
    {
        await People.SignInAsync(name);
        UserIds[name] = (await JsonAsync(HttpMethod.Get, "/api/me", name)).GetProperty("id").GetString()!;
    }

    public async Task<string> InviteAsync(string who, string role, string? orgId = null) =>
        (await JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId ?? OrgId}/invitations", who, new { email = "invitee@example.com", role })).GetProperty("token").GetString()!;

    public Task JoinAsync(string who, string invitation) => JsonAsync(HttpMethod.Post, "/api/invitations/accept", who, new { token = invitation });

    /// <summary>An organisation key encrypted in the browser's way, for the organisation's key endpoints.</summary>
    public async Task<string> EncryptAsync(string key) => await Jwe.EncryptForAsync(Http, key);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? who, object? body = null) => People.SendAsync(method, url, who, body);

    public Task<JsonElement> JsonAsync(HttpMethod method, string url, string? who, object? body = null) => People.JsonAsync(method, url, who, body);

    public TableClient Table(string name) => new(AzuriteServer.Instance.ConnectionString, App.StoragePrefix + name);

    /// <summary>Every row of the organisation tables, keys and audit log: what a refused request must leave as it was.</summary>
    public async Task<string> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[] { OrganisationStore.TableName, OrganisationStore.MembershipsTable, Invitations.TableName, SavedKeys.TableName, AuditLog.TableName })
        {
            try
            {
                await foreach (var entity in Table(table).QueryAsync<TableEntity>())
                {
                    rows.Add($"{table}:{entity.PartitionKey}/{entity.RowKey}/{entity.ETag}");
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // Not created yet: nothing in it.
            }
        }

        return string.Join('\n', rows.Order(StringComparer.Ordinal));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Http.Dispose();
        App.Dispose();
        Providers.Dispose();
    }
}
