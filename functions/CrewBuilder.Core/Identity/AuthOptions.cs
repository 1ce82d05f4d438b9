using System.ComponentModel.DataAnnotations;

namespace CrewBuilder.Core.Identity;

public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>The OIDC issuer (Microsoft Entra External ID in production); its discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for: the API's application (client) id.</summary>
    public string? Audience { get; set; }

    /// <summary>The site's own (single-page application) registration, which signs people in with PKCE.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scope the site asks for, to get access tokens for this API (e.g. <c>api://…/access</c>).</summary>
    public string? Scope { get; set; }

    /// <summary>Tolerance for clocks that disagree when checking a token's lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The shortest time between two fetches of the issuer's keys, however many unknown key ids arrive.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Only loopback test issuers may publish their metadata over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Failed authentications one client address may make per minute before it gets 429.</summary>
    /// <summary>Behind Azure's front ends the client address is the first X-Forwarded-For entry; elsewhere the header is ignored.</summary>
    public bool TrustForwardedFor { get; set; }

    [Range(1, 10_000)]
    public int FailedAttemptsPerMinute { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Authority) && string.IsNullOrEmpty(Audience))
        {
            yield return new ValidationResult("Auth:Audience is required when Auth:Authority is set.", [nameof(Audience)]);
        }

        if (!string.IsNullOrEmpty(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Auth:Authority must be an absolute URL.", [nameof(Authority)]);
        }
    }
}
