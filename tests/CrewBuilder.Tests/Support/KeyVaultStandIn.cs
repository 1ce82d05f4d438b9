using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback stand-in of the Key Vault secrets REST API over HTTPS (a self-signed certificate), with the
/// bearer challenge the real service sends first, so the real <see cref="SecretClient"/> talks to it unchanged.
/// </summary>
public sealed class KeyVaultStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<(string Version, string Value, DateTimeOffset Created)>> secrets = new();
    private readonly X509Certificate2 certificate = LoopbackCertificate.Create("crewbuilder-keyvault-standin");
    private readonly WebApplication app;
    private int unauthenticatedRequests;

    public KeyVaultStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref unauthenticatedRequests);
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate =
                    "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
                return;
            }

            if (RefusesAccess)
            {
                context.Response.StatusCode = 403;
                await context.Response.WriteAsJsonAsync(new
                {
                    error = new { code = "Forbidden", message = "Caller is not authorized to perform action on resource.", innererror = new { code = "ForbiddenByRbac" } },
                });
                return;
            }

            await next();
        });
        app.MapPut("/secrets/{name}", async (string name, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var list = secrets.GetOrAdd(name, _ => []);
            lock (list)
            {
                list.Add((version, (string)body!["value"]!, DateTimeOffset.UtcNow));
            }

            return Results.Json(Bundle(name, version, (string)body!["value"]!));
        });
        app.MapGet("/secrets/{name}/{version?}", (string name, string? version) =>
        {
            if (secrets.TryGetValue(name, out var list))
            {
                lock (list)
                {
                    var match = string.IsNullOrEmpty(version) ? list.LastOrDefault() : list.FirstOrDefault(v => v.Version == version);
                    if (match.Version is not null)
                    {
                        return Results.Json(Bundle(name, match.Version, match.Value));
                    }
                }
            }

            return Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);
        });
        app.MapDelete("/secrets/{name}", (string name) =>
        {
            if (!secrets.TryRemove(name, out _))
            {
                return Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);
            }

            Deleted.Enqueue(name);
            return Results.Json(new { recoveryId = $"{VaultUri}deletedsecrets/{name}", id = $"{VaultUri}secrets/{name}", attributes = new { enabled = true } });
        });
        app.StartAsync().GetAwaiter().GetResult();
        VaultUri = new Uri(app.Urls.Single());
    }

    public Uri VaultUri { get; }

    /// <summary>Answers every authenticated call 403, as Key Vault does when CrewBuilder's identity has no role on the vault.</summary>
    public bool RefusesAccess { get; set; }

    /// <summary>The names of secrets deleted, in order.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>The latest value of a secret, or null.</summary>
    public string? Latest(string name)
    {
        if (!secrets.TryGetValue(name, out var list))
        {
            return null;
        }

        lock (list)
        {
            return list.LastOrDefault().Value;
        }
    }

    /// <summary>Requests that came without a token: the challenge the client answers before its first call.</summary>
    public int UnauthenticatedRequests => Volatile.Read(ref unauthenticatedRequests);

    /// <summary>The SDK's own client, trusting exactly this stand-in's certificate; <paramref name="at"/> another address (one nothing listens on).</summary>
    public SecretClient CreateClient(Uri? at = null)
    {
        var thumbprint = certificate.Thumbprint;
#pragma warning disable CA2000 // the transport owns the handler for the client's lifetime
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint };
#pragma warning restore CA2000
        return new SecretClient(at ?? VaultUri, new StaticTokenCredential(), new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(handler),
            Retry = { MaxRetries = 0 },
        });
    }

    /// <summary>Stops answering, as a vault whose network is cut off: connections to it are refused.</summary>
    public Task GoDownAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private JsonObject Bundle(string name, string version, string value) => new()
    {
        ["value"] = value,
        ["id"] = $"{VaultUri.ToString().TrimEnd('/')}/secrets/{name}/{version}",
        ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["updated"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() },
    };

    private sealed class StaticTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("stand-in-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
