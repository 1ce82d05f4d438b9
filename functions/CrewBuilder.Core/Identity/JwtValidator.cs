using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CrewBuilder.Core.Identity;

/// <summary>The person a valid token speaks for.</summary>
public sealed record TokenSubject(string Issuer, string Subject, string Email, string DisplayName);

/// <summary>
/// Validates bearer JWTs: issuer, audience, lifetime and signature, with keys from the issuer's discovery
/// document (cached; fetched again when a token names a key id we have not seen). Also accepts the
/// self-host's development tokens when that sign-in is enabled.
/// </summary>
public sealed class JwtValidator
{
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private readonly JsonWebTokenHandler handler = new();
    private readonly AuthOptions options;
    private readonly DevTokenIssuer? devIssuer;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? discovery;
    private readonly ILogger<JwtValidator> logger;

    public JwtValidator(IOptions<AuthOptions> options, IHttpClientFactory httpClients, ILogger<JwtValidator> logger, DevTokenIssuer? devIssuer = null)
    {
        this.options = options.Value;
        this.devIssuer = devIssuer;
        this.logger = logger;
        if (!string.IsNullOrEmpty(this.options.Authority))
        {
            var metadata = this.options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
            discovery = new ConfigurationManager<OpenIdConnectConfiguration>(
                metadata,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(httpClients.CreateClient(nameof(JwtValidator))) { RequireHttps = this.options.RequireHttpsMetadata })
            {
                RefreshInterval = this.options.KeyRefreshInterval,
            };
        }
    }

    public async Task<TokenSubject?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (ReadUnverified(token) is not { } unverified)
        {
            return null;
        }

        var result = devIssuer is not null && unverified.Issuer == DevTokenIssuer.Issuer
            ? await handler.ValidateTokenAsync(token, await devIssuer.ValidationParametersAsync(options.ClockSkew, cancellationToken))
            : await ValidateWithDiscoveryAsync(token, cancellationToken);
        if (result is not { IsValid: true })
        {
            logger.LogInformation("Bearer token refused: {Reason}", result?.Exception?.GetType().Name ?? "no issuer configured");
            return null;
        }

        var claims = result.ClaimsIdentity;
        string? Claim(string type) => claims.FindFirst(type)?.Value;
        var subject = Claim("sub") ?? Claim("oid");
        if (subject is null)
        {
            return null;
        }

        var email = Claim("email") ?? Claim("emails") ?? Claim("preferred_username") ?? "";
        return new TokenSubject(result.Issuer, subject, email, Claim("name") ?? email);
    }

    /// <summary>The token's claims before any check, or null when it is not a readable JWT (three base64url parts, JSON inside).</summary>
    private JsonWebToken? ReadUnverified(string token)
    {
        if (!handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            return handler.ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return null; // SecurityTokenMalformedException is an ArgumentException
        }
    }

    private async Task<TokenValidationResult?> ValidateWithDiscoveryAsync(string token, CancellationToken cancellationToken)
    {
        if (discovery is null)
        {
            return null;
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await discovery.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            logger.LogWarning(e, "The OIDC issuer's keys could not be fetched; bearer tokens cannot be checked until it answers");
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The issuer may have rotated its keys since we last looked.
            discovery.RequestRefresh();
            var refreshed = await discovery.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(refreshed, configuration))
            {
                result = await handler.ValidateTokenAsync(token, Parameters(refreshed));
            }
        }

        return result;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = Algorithms,
        ClockSkew = options.ClockSkew,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };
}
