using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback HTTPS stand-in of Microsoft Entra ID's token endpoint for the OAuth 2.0 client credentials flow, as
/// Microsoft documents it: <c>POST /{tenant}/oauth2/v2.0/token</c> with the form fields <c>client_id</c>, <c>scope</c>
/// (a resource's <c>/.default</c>), <c>grant_type=client_credentials</c> and either <c>client_secret</c> or
/// <c>client_assertion_type</c> (jwt-bearer) with <c>client_assertion</c>, a JWT the app signed with its certificate whose
/// <c>aud</c> is this token endpoint, <c>iss</c> and <c>sub</c> the client id, within its lifetime. Refusals are Entra's
/// error JSON (<c>error</c>, <c>error_description</c> starting with the AADSTS code, <c>error_codes</c>, <c>timestamp</c>,
/// <c>trace_id</c>, <c>correlation_id</c>). Issued tokens are opaque and remembered with their scope.
/// </summary>
public sealed class EntraStandIn : IAsyncDisposable
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private readonly X509Certificate2 certificate = LoopbackCertificate.Create("crewbuilder-entra-standin");
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<(string Tenant, string ClientId), RegisteredApp> apps = new();
    private readonly ConcurrentDictionary<string, IssuedToken> issued = new();

    public EntraStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpRequest request) => TokenAsync(tenant, request));
        app.StartAsync().GetAwaiter().GetResult();
        AuthorityHost = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>What Azure.Identity's <c>AuthorityHost</c> is set to, e.g. https://127.0.0.1:50124/.</summary>
    public Uri AuthorityHost { get; }

    /// <summary>How long issued tokens live, in seconds (Entra's are about an hour).</summary>
    public int ExpiresIn { get; set; } = 3599;

    /// <summary>Every token request that arrived: tenant, client id, and whether it used a secret or an assertion.</summary>
    public ConcurrentQueue<(string Tenant, string ClientId, string Proof)> TokenRequests { get; } = new();

    public void RegisterSecret(string tenant, string clientId, string secret) => apps[(tenant, clientId)] = new RegisteredApp(secret, null);

    /// <summary>Registers the public part of an app's certificate, as an admin uploads a .cer under Certificates &amp; secrets.</summary>
    public void RegisterCertificate(string tenant, string clientId, X509Certificate2 appCertificate) =>
        apps[(tenant, clientId)] = new RegisteredApp(null, X509CertificateLoader.LoadCertificate(appCertificate.Export(X509ContentType.Cert)));

    /// <summary>Whether <paramref name="accessToken"/> was issued here for <paramref name="scope"/> and is unexpired.</summary>
    public bool Issued(string accessToken, string scope) =>
        issued.TryGetValue(accessToken, out var token) && token.Scope == scope && token.ExpiresAt > DateTimeOffset.UtcNow;

    /// <summary>The stand-in's certificate as PEM, for a process that trusts it through SSL_CERT_FILE.</summary>
    public string CertificatePem => certificate.ExportCertificatePem();

    /// <summary>A certificate check that trusts exactly this stand-in.</summary>
    public bool Trusts(X509Certificate? presented) => presented is X509Certificate2 cert && cert.Thumbprint == certificate.Thumbprint;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
        foreach (var registered in apps.Values)
        {
            registered.Certificate?.Dispose();
        }
    }

    private async Task<IResult> TokenAsync(string tenant, HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }

        var form = await request.ReadFormAsync();
        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString();
        var assertion = form["client_assertion"].ToString();
        TokenRequests.Enqueue((tenant, clientId, assertion.Length > 0 ? "assertion" : "secret"));
        if (form["grant_type"] != "client_credentials")
        {
            return Error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }

        if (!apps.Keys.Any(key => key.Tenant == tenant))
        {
            return Error(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }

        if (!apps.TryGetValue((tenant, clientId), out var registered))
        {
            return Error(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'.");
        }

        if (!scope.EndsWith("/.default", StringComparison.Ordinal) || scope.Split(' ').Length != 1)
        {
            return Error(400, "invalid_scope", 1002012, "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        var proven = assertion.Length > 0
            ? form["client_assertion_type"] == AssertionType && await AssertionValidAsync(assertion, tenant, clientId, registered)
            : registered.Secret is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(form["client_secret"].ToString()), System.Text.Encoding.UTF8.GetBytes(registered.Secret));
        if (!proven)
        {
            return assertion.Length > 0
                ? Error(401, "invalid_client", 700027, "Client assertion failed signature validation.")
                : Error(401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
        }

        var accessToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        issued[accessToken] = new IssuedToken(scope, DateTimeOffset.UtcNow.AddSeconds(ExpiresIn));
        return Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = ExpiresIn, ["ext_expires_in"] = ExpiresIn, ["access_token"] = accessToken });
    }

    private async Task<bool> AssertionValidAsync(string assertion, string tenant, string clientId, RegisteredApp registered)
    {
        if (registered.Certificate is null)
        {
            return false;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidAudience = new Uri(AuthorityHost, $"{tenant}/oauth2/v2.0/token").ToString(),
            ValidIssuer = clientId,
            IssuerSigningKey = new X509SecurityKey(registered.Certificate),
            RequireExpirationTime = true,
            ValidateLifetime = true,
            RequireSignedTokens = true,
        });
        return result.IsValid && result.Claims.TryGetValue("sub", out var subject) && subject as string == clientId;
    }

    private static IResult Error(int status, string error, int code, string description) => Results.Json(new Dictionary<string, object>
    {
        ["error"] = error,
        ["error_description"] = $"AADSTS{code}: {description} Trace ID: {Guid.NewGuid()} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
        ["error_codes"] = new[] { code },
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["trace_id"] = Guid.NewGuid().ToString(),
        ["correlation_id"] = Guid.NewGuid().ToString(),
        ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
    }, statusCode: status);

    private sealed record RegisteredApp(string? Secret, X509Certificate2? Certificate);

    private sealed record IssuedToken(string Scope, DateTimeOffset ExpiresAt);
}
