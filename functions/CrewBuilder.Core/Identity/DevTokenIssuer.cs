using System.Security.Claims;
using System.Security.Cryptography;
using CrewBuilder.Core.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrewBuilder.Core.Identity;

/// <summary>
/// The self-host's development sign-in: local tokens for any e-mail, signed with a key kept in the local vault, so
/// a token stays valid when the self-host restarts. Only the self-host registers it, and only when
/// CREWBUILDER_DEV_AUTH=true.
/// </summary>
public sealed class DevTokenIssuer(ISecretVault vault, TimeProvider time) : IDisposable
{
    public const string Issuer = "https://crewbuilder.local/dev";
    public const string Audience = "crewbuilder-dev";
    public const string SigningKeySecret = "dev-sign-in-signing-key";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly SemaphoreSlim loading = new(1, 1);
    private RSA? rsa;

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string email, string displayName, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + Lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("sub", email.ToLowerInvariant()), new Claim("email", email), new Claim("name", displayName)]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        return (token, expires);
    }

    public async Task<TokenValidationParameters> ValidationParametersAsync(TimeSpan clockSkew, CancellationToken cancellationToken) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = await KeyAsync(cancellationToken),
        ClockSkew = clockSkew,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };

    private async Task<RsaSecurityKey> KeyAsync(CancellationToken cancellationToken)
    {
        if (rsa is null)
        {
            await loading.WaitAsync(cancellationToken);
            try
            {
                rsa ??= await LoadOrCreateAsync(cancellationToken);
            }
            finally
            {
                loading.Release();
            }
        }

        return new RsaSecurityKey(rsa) { KeyId = "dev" };
    }

    private async Task<RSA> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        if (await vault.GetAsync(SigningKeySecret, null, cancellationToken) is { } stored)
        {
            var loaded = RSA.Create();
            loaded.ImportPkcs8PrivateKey(Convert.FromBase64String(stored.Value), out _);
            return loaded;
        }

        var key = RSA.Create(2048);
        await vault.SetAsync(SigningKeySecret, Convert.ToBase64String(key.ExportPkcs8PrivateKey()), cancellationToken);
        return key;
    }

    public void Dispose()
    {
        rsa?.Dispose();
        loading.Dispose();
    }
}
