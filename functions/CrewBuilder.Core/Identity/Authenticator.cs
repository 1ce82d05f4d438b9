using CrewBuilder.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Identity;

/// <summary>Who sent a request, or why nobody can be admitted: exactly one of the cases below.</summary>
public abstract record AuthResult
{
    private AuthResult()
    {
    }

    /// <summary>The caller, anonymous when the request carried no credential.</summary>
    public sealed record Admitted(Caller Caller) : AuthResult;

    /// <summary>A credential was sent and is not valid (unreadable, forged, expired, revoked).</summary>
    public sealed record InvalidCredentials : AuthResult;

    /// <summary>Too many failed authentications from this client or with this credential lately.</summary>
    public sealed record TooManyFailures(TimeSpan RetryAfter) : AuthResult;
}

/// <summary>
/// Tells callers apart by the shape of their bearer token: an OIDC JWT, a personal API token (cb_),
/// the access token of one anonymous generation (cbg_), or none at all.
/// </summary>
public sealed class Authenticator(
    JwtValidator jwt, ApiTokenStore apiTokens, AccessTokens accessTokens, UserStore users, FailedAuthLimiter limiter, IOptions<AuthOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    public async Task<AuthResult> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var client = ClientAddress(request);
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return new AuthResult.Admitted(Caller.Anonymous with { ClientAddress = client });
        }

        if (await limiter.CredentialRetryAfterAsync(authorization, cancellationToken) is { } wait)
        {
            return new AuthResult.TooManyFailures(wait);
        }

        var caller = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? await IdentifyAsync(authorization[BearerPrefix.Length..].Trim(), cancellationToken)
            : null;
        if (caller is not null)
        {
            return new AuthResult.Admitted(caller with { ClientAddress = client });
        }

        return await limiter.RecordFailureAsync(client, authorization, cancellationToken) is { } retryAfter
            ? new AuthResult.TooManyFailures(retryAfter)
            : new AuthResult.InvalidCredentials();
    }

    private async Task<Caller?> IdentifyAsync(string token, CancellationToken cancellationToken)
    {
        if (token.StartsWith(SecretTokens.GenerationTokenPrefix, StringComparison.Ordinal))
        {
            // A generation's access token reads that generation and may cancel it; starting generations admits no such caller.
            var hash = SecretTokens.Hash(token);
            return await accessTokens.WasIssuedAsync(hash, cancellationToken)
                ? new Caller(CallerKind.GenerationAccess, Caller.AnonymousTenant, null, new HashSet<string> { Scopes.GenerationsRead, Scopes.GenerationsWrite }, hash)
                : null;
        }

        if (token.StartsWith(SecretTokens.ApiTokenPrefix, StringComparison.Ordinal))
        {
            return await apiTokens.FindAsync(token, cancellationToken) is { } grant
                ? new Caller(CallerKind.ApiToken, grant.UserId, grant.UserId, grant.Scopes)
                : null;
        }

        if (await jwt.ValidateAsync(token, cancellationToken) is not { } subject)
        {
            return null;
        }

        var userId = UserStore.UserId(subject.Issuer, subject.Subject);
        await users.EnsureKnownAsync(userId, subject.Email, subject.DisplayName, cancellationToken);
        return Caller.ForUser(userId);
    }

    private string ClientAddress(HttpRequest request)
    {
        if (options.Value.TrustForwardedFor && request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            return forwarded.Split(',')[0].Trim();
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
