using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Identity;

public enum CallerKind
{
    /// <summary>No credentials.</summary>
    Anonymous,

    /// <summary>A person signed in with an OIDC token (or the self-host's development sign-in).</summary>
    User,

    /// <summary>A personal API token (<c>cb_…</c>), limited to its scopes.</summary>
    ApiToken,

    /// <summary>The access token of one anonymous generation (<c>cbg_…</c>).</summary>
    GenerationAccess,
}

/// <summary>Who is calling, and the tenant every object they touch must belong to.</summary>
public sealed record Caller(CallerKind Kind, string TenantId, string? UserId, IReadOnlySet<string> Scopes, string? AccessTokenHash = null)
{
    /// <summary>The tenant of generations started without an account.</summary>
    public const string AnonymousTenant = "anonymous";

    /// <summary>Where an anonymous request came from, for the limits that apply without an account.</summary>
    public string? ClientAddress { get; init; }

    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, AnonymousTenant, null, new HashSet<string>());

    /// <summary>Tokens are limited to their scopes; a signed-in person, or an anonymous visitor where admitted, is not.</summary>
    public bool Lacks(string scope) => Kind is CallerKind.ApiToken or CallerKind.GenerationAccess && !Scopes.Contains(scope);

    /// <summary>
    /// Whether the caller may see an object of its tenant that was made without an account: a caller without one
    /// (anonymous, or holding an access token) only with that object's own access token.
    /// </summary>
    public bool Sees(string? objectTokenHash) =>
        Kind is not (CallerKind.Anonymous or CallerKind.GenerationAccess) || SecretTokens.HashesEqual(objectTokenHash, AccessTokenHash);

    /// <summary>
    /// An anonymous caller who shows, in the request's body, the access token of something made without an account (a
    /// chat to generate from, a generation to refine): they may see that one thing, as its token's holder would.
    /// </summary>
    public Caller Holding(string? accessToken) =>
        accessToken is null || Kind != CallerKind.Anonymous ? this : this with { Kind = CallerKind.GenerationAccess, AccessTokenHash = SecretTokens.Hash(accessToken) };

    public static Caller ForUser(string userId) => new(CallerKind.User, userId, userId, Identity.Scopes.All);
}
