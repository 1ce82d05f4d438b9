using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback OIDC issuer of our own: a discovery document and a JWKS over HTTP, and real RS256 tokens
/// signed with its keys, so the API's validation runs exactly as against Entra External ID.
/// </summary>
public sealed class OidcIssuer : LoopbackHttpServer
{
    public const string Audience = "api://crewbuilder-tests";

    private readonly ConcurrentDictionary<string, (string Challenge, string RedirectUri, string ClientId)> codes = new();
    private readonly List<RsaSecurityKey> publishedKeys = [];
    private int discoveryRequests;

    public OidcIssuer()
    {
        Authority = $"{BaseUrl}/tenant";
        SigningKey = AddKey();
    }

    public string Authority { get; }

    public RsaSecurityKey SigningKey { get; private set; }

    public int DiscoveryRequests => Volatile.Read(ref discoveryRequests);

    /// <summary>Who the authorization endpoint signs in, without asking: a browser test's person.</summary>
    public (string Subject, string Email) SignsInAs { get; set; } = ("pat-subject", "pat@example.com");

    /// <summary>Publishes a new key and signs from now on with it, as an issuer rotating its keys does.</summary>
    public RsaSecurityKey Rotate() => SigningKey = AddKey();

    public string Issue(
        string subject, string email, string? audience = null, DateTime? expires = null, SecurityKey? signWith = null, string? issuer = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience ?? Audience,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("email", email), new Claim("name", email.Split('@')[0])]),
            SigningCredentials = new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A key the issuer never published, under the id of one it did: a forged signature.</summary>
    public RsaSecurityKey ForgedKey() => new(RSA.Create(2048)) { KeyId = SigningKey.KeyId };

    public override void Dispose()
    {
        base.Dispose();
        foreach (var key in publishedKeys)
        {
            key.Rsa.Dispose();
        }
    }

    private RsaSecurityKey AddKey()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N")[..12] };
        lock (publishedKeys)
        {
            publishedKeys.Add(key);
        }

        return key;
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        context.Response.AddHeader("Access-Control-Allow-Origin", "*"); // the site calls discovery and token from the browser
        if (path == "/tenant/authorize")
        {
            Authorize(context);
            return;
        }

        object? body = path switch
        {
            "/tenant/.well-known/openid-configuration" => Discovery(),
            "/tenant/keys" => Keys(),
            "/tenant/token" => await TokenAsync(context.Request),
            _ => null,
        };
        await RespondAsync(context, body is null ? 404 : body is ErrorBody ? 400 : 200, JsonSerializer.Serialize(body ?? new { error = "not_found" }));
    }

    /// <summary>Signs <see cref="SignsInAs"/> in at once and sends the browser back with a code bound to its PKCE challenge.</summary>
    private void Authorize(HttpListenerContext context)
    {
        var query = context.Request.QueryString;
        var code = Guid.NewGuid().ToString("N");
        codes[code] = (query["code_challenge"] ?? "", query["redirect_uri"] ?? "", query["client_id"] ?? "");
        var redirect = $"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"] ?? "")}";
        context.Response.Redirect(redirect);
        context.Response.Close();
    }

    private async Task<object> TokenAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream);
        var form = System.Web.HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
        if (!codes.TryRemove(form["code"] ?? "", out var pending)
            || pending.RedirectUri != form["redirect_uri"] || pending.ClientId != form["client_id"]
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"] ?? ""))) != pending.Challenge)
        {
            return new ErrorBody("invalid_grant");
        }

        return new { access_token = Issue(SignsInAs.Subject, SignsInAs.Email), token_type = "Bearer", expires_in = 3600 };
    }

    private sealed record ErrorBody(string error);

    private Dictionary<string, object> Discovery()
    {
        Interlocked.Increment(ref discoveryRequests);
        return new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = $"{Authority}/keys",
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        };
    }

    private object Keys()
    {
        lock (publishedKeys)
        {
            return new
            {
                keys = publishedKeys.Select(key =>
                {
                    var parameters = key.Rsa.ExportParameters(false);
                    return new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    };
                }).ToList(),
            };
        }
    }
}
