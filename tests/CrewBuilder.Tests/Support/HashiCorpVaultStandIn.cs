using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback stand-in of HashiCorp Vault's HTTP API over HTTPS, written from Vault's API documentation: AppRole login
/// (<c>/v1/auth/approle/login</c>), token lookup and renewal (<c>/v1/auth/token/lookup-self</c>, <c>renew-self</c>),
/// KV v2 (<c>/v1/{mount}/data/{path}</c>, <c>/v1/{mount}/metadata/{path}</c>) and <c>/v1/sys/health</c>. It enforces
/// what Vault does: a token in <c>X-Vault-Token</c> that has not expired (on the stand-in's clock), issued in the
/// namespace the request names in <c>X-Vault-Namespace</c>, whose policy covers the path (403
/// <c>{"errors":["permission denied"]}</c> otherwise); leases that end at their maximum TTL; and sealing (503
/// <c>{"errors":["Vault is sealed"]}</c> on every call, health included).
/// </summary>
public sealed class HashiCorpVaultStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Role> roles = new();
    private readonly ConcurrentDictionary<string, Token> tokens = new();
    private readonly ConcurrentDictionary<(string Namespace, string Path), List<JsonObject?>> secrets = new();
    private readonly X509Certificate2 certificate = LoopbackCertificate.Create("crewbuilder-hashicorp-vault-standin");
    private readonly TimeProvider clock;
    private readonly WebApplication app;
    private volatile bool isSealed;
    private int logins;
    private int renewals;

    public HashiCorpVaultStandIn(TimeProvider? time = null)
    {
        clock = time ?? TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            Calls.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (isSealed)
            {
                // Health still answers, with its 503 for a sealed Vault; everything else says it is sealed.
                await (context.Request.Path == "/v1/sys/health" ? Health(true) : Errors(503, "Vault is sealed")).ExecuteAsync(context);
                return;
            }

            await next();
        });
        app.MapGet("/v1/sys/health", () => Health(false));
        app.MapPost("/v1/auth/approle/login", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            if (!roles.TryGetValue((string?)body?["role_id"] ?? "", out var role) || role.SecretId != (string?)body?["secret_id"] || role.Namespace != NamespaceOf(request))
            {
                return Errors(400, "invalid role or secret ID");
            }

            Interlocked.Increment(ref logins);
            return Results.Json(new JsonObject { ["auth"] = Auth(Issue(role.Namespace, role.Ttl, role.MaxTtl, role.Renewable, role.Policies)) });
        });
        app.MapGet("/v1/auth/token/lookup-self", (HttpRequest request) => Authorised(request, null) is { } token
            ? Results.Json(new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["id"] = token.Id,
                    ["ttl"] = token.Ttl is null ? 0 : (long)(token.ExpiresAt - clock.GetUtcNow()).TotalSeconds,
                    ["renewable"] = token.Renewable,
                    ["policies"] = new JsonArray([.. token.Policies.Select(p => JsonValue.Create(p))]),
                },
            })
            : Errors(403, "permission denied"));
        app.MapPost("/v1/auth/token/renew-self", (HttpRequest request) =>
        {
            if (Authorised(request, null) is not { } token)
            {
                return Errors(403, "permission denied");
            }

            if (!token.Renewable || token.Ttl is not { } ttl)
            {
                return Errors(400, "lease is not renewable");
            }

            Interlocked.Increment(ref renewals);
            var now = clock.GetUtcNow();
            var renewed = token with { ExpiresAt = Min(now + ttl, token.IssuedAt + token.MaxTtl) };
            tokens[token.Id] = renewed;
            return Results.Json(new JsonObject { ["auth"] = Auth(renewed) });
        });
        app.MapMethods("/v1/{mount}/{kind}/{**path}", ["GET", "POST", "PUT", "DELETE"], (HttpRequest request, string mount, string kind, string path) =>
            KeyValueAsync(request, $"{mount}/{kind}/{path}", mount, kind, path));
        app.StartAsync().GetAwaiter().GetResult();
        Address = new Uri(app.Urls.Single() + "/");
    }

    public Uri Address { get; }

    /// <summary>Every call, as "METHOD /v1/path", in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public int Logins => Volatile.Read(ref logins);

    /// <summary>Every token this Vault issued, still valid or not: for tests that prove none leaked.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    public int Renewals => Volatile.Read(ref renewals);

    /// <summary>
    /// An AppRole in <paramref name="ns"/> (empty: the root namespace) whose tokens may use the paths matching
    /// <paramref name="policy"/> (a trailing '*' matches any rest, as in Vault's policies); its secret id is returned.
    /// </summary>
    public string AddRole(string ns, string roleId, TimeSpan ttl, TimeSpan maxTtl, bool renewable, params string[] policy)
    {
        var secretId = Guid.NewGuid().ToString();
        roles[roleId] = new Role(ns, secretId, ttl, maxTtl, renewable, policy);
        return secretId;
    }

    /// <summary>A token in <paramref name="ns"/> as an operator would make one for CrewBuilder; <paramref name="ttl"/> null never expires.</summary>
    public string IssueToken(string ns, TimeSpan? ttl, TimeSpan maxTtl, bool renewable, params string[] policy) =>
        Issue(ns, ttl, maxTtl, renewable, policy).Id;

    public void Seal() => isSealed = true;

    /// <summary>Revokes every token, as an operator might (<c>vault token revoke</c>); AppRoles stay.</summary>
    public void RevokeAll() => tokens.Clear();

    /// <summary>The latest version's data at <paramref name="path"/> (e.g. "secret/data/org/o1/api_keys/openai") in a namespace, or null.</summary>
    public JsonObject? Latest(string ns, string path)
    {
        if (!secrets.TryGetValue((ns, path), out var versions))
        {
            return null;
        }

        lock (versions)
        {
            return versions.LastOrDefault()?.DeepClone().AsObject();
        }
    }

    /// <summary>Every path that holds a live version, in a namespace.</summary>
    public IReadOnlyList<string> Paths(string ns) =>
        [.. secrets.Where(entry => entry.Key.Namespace == ns && Latest(ns, entry.Key.Path) is not null).Select(entry => entry.Key.Path).Order()];

    /// <summary>The stand-in's certificate, for a host process that trusts it through SSL_CERT_FILE.</summary>
    public string CertificatePem => certificate.ExportCertificatePem();

    /// <summary>A handler that trusts exactly this stand-in's certificate, for clients of it.</summary>
    public RemoteCertificateValidationCallback TrustsThisStandIn
    {
        get
        {
            var thumbprint = certificate.Thumbprint;
            return (_, presented, _, _) => presented is X509Certificate2 cert && cert.Thumbprint == thumbprint;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private async Task<IResult> KeyValueAsync(HttpRequest request, string fullPath, string mount, string kind, string path)
    {
        if (Authorised(request, fullPath) is not { } token)
        {
            return Errors(403, "permission denied");
        }

        var key = (token.Namespace, $"{mount}/data/{path}");
        switch (kind, request.Method)
        {
            case ("data", "POST" or "PUT"):
                var body = await JsonNode.ParseAsync(request.Body);
                if (body?["data"] is not JsonObject data)
                {
                    return Errors(400, "no data provided");
                }

                var versions = secrets.GetOrAdd(key, _ => []);
                lock (versions)
                {
                    versions.Add(data.DeepClone().AsObject());
                    return Results.Json(new { data = new { created_time = clock.GetUtcNow(), deletion_time = "", destroyed = false, version = versions.Count } });
                }

            case ("data", "GET"):
                return Latest(token.Namespace, key.Item2) is { } latest
                    ? Results.Json(new JsonObject
                    {
                        ["data"] = new JsonObject { ["data"] = latest, ["metadata"] = new JsonObject { ["created_time"] = clock.GetUtcNow().ToString("O") } },
                    })
                    : Errors(404);
            case ("data", "DELETE"):
                if (secrets.TryGetValue(key, out var softDeleted))
                {
                    lock (softDeleted)
                    {
                        softDeleted.Add(null);
                    }
                }

                return Results.NoContent();
            case ("metadata", "DELETE"):
                secrets.TryRemove(key, out _);
                return Results.NoContent();
            default:
                return Errors(405, "unsupported operation");
        }
    }

    /// <summary>The request's token, if it exists, has not expired, was issued in the request's namespace and its policy covers <paramref name="path"/>.</summary>
    private Token? Authorised(HttpRequest request, string? path) =>
        tokens.TryGetValue(request.Headers["X-Vault-Token"].ToString(), out var token)
        && clock.GetUtcNow() < token.ExpiresAt
        && token.Namespace == NamespaceOf(request)
        && (path is null || token.Policies.Any(rule => rule.EndsWith('*') ? path.StartsWith(rule[..^1], StringComparison.Ordinal) : path == rule))
            ? token
            : null;

    private static string NamespaceOf(HttpRequest request) => request.Headers["X-Vault-Namespace"].ToString().Trim('/');

    private Token Issue(string ns, TimeSpan? ttl, TimeSpan maxTtl, bool renewable, string[] policies)
    {
        var now = clock.GetUtcNow();
        var token = new Token("hvs." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ns, now, ttl is { } t ? now + t : DateTimeOffset.MaxValue, ttl, maxTtl, renewable, policies);
        tokens[token.Id] = token;
        Issued.Enqueue(token.Id);
        return token;
    }

    private JsonObject Auth(Token token) => new()
    {
        ["client_token"] = token.Id,
        ["accessor"] = "accessor-" + token.Id[^6..],
        ["policies"] = new JsonArray([.. token.Policies.Select(p => JsonValue.Create(p))]),
        ["lease_duration"] = token.Ttl is null ? 0 : (long)(token.ExpiresAt - clock.GetUtcNow()).TotalSeconds,
        ["renewable"] = token.Renewable,
    };

    private static IResult Health(bool sealedNow) =>
        Results.Json(new { initialized = true, @sealed = sealedNow, standby = false, version = "1.17.0" }, statusCode: sealedNow ? 503 : 200);

    private static IResult Errors(int status, params string[] errors) =>
        Results.Json(new JsonObject { ["errors"] = new JsonArray([.. errors.Select(e => JsonValue.Create(e))]) }, statusCode: status);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Role(string Namespace, string SecretId, TimeSpan Ttl, TimeSpan MaxTtl, bool Renewable, string[] Policies);

    private sealed record Token(
        string Id, string Namespace, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, TimeSpan? Ttl, TimeSpan MaxTtl, bool Renewable, string[] Policies);
}
