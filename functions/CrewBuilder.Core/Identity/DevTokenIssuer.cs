using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrewBuilder.Core.Identity;

/// <summary>
/// The self-host's development sign-in: local tokens for any e-mail, signed with a key that lives only in
/// this process. Only the self-host registers it, and only when CREWBUILDER_DEV_AUTH=true.
/// </summary>
public sealed class DevTokenIssuer(TimeProvider time) : IDisposable
{
    public const string Issuer = "https://crewbuilder.local/dev";
    public const string Audience = "crewbuilder-dev";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly RSA rsa = RSA.Create(2048);

    private RsaSecurityKey Key => new(rsa) { KeyId = "dev" };

    public (string Token, DateTimeOffset ExpiresAt) Issue(string email, string displayName)
    {
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
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
        return (token, expires);
    }

    public TokenValidationParameters ValidationParameters(TimeSpan clockSkew) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ClockSkew = clockSkew,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };

    public void Dispose() => rsa.Dispose();
}
