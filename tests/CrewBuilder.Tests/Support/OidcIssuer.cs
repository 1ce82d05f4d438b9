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
public sealed class OidcIssuer : IDisposable
{
    public const string Audience = "api://crewbuilder-tests";

    private readonly HttpListener listener = new();
    private readonly List<RsaSecurityKey> publishedKeys = [];
    private readonly CancellationTokenSource stopping = new();
    private int discoveryRequests;

    public OidcIssuer()
    {
        var port = FreePort.Next();
        Authority = $"http://127.0.0.1:{port}/tenant";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        SigningKey = AddKey();
        _ = Task.Run(ServeAsync);
    }

    public string Authority { get; }

    public RsaSecurityKey SigningKey { get; private set; }

    public int DiscoveryRequests => Volatile.Read(ref discoveryRequests);

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

    public void Dispose()
    {
        stopping.Cancel();
        listener.Close();
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

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            object? body = path switch
            {
                "/tenant/.well-known/openid-configuration" => Discovery(),
                "/tenant/keys" => Keys(),
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body ?? new { error = "not_found" }));
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private Dictionary<string, object> Discovery()
    {
        Interlocked.Increment(ref discoveryRequests);
        return new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = $"{Authority}/keys",
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
