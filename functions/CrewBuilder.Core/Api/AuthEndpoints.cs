using System.Net.Mail;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Api;

/// <summary>
/// What the site needs to know: how to sign in, which providers the server has keys of its own for (self-hosted), and
/// which CrewBuilder Pro AI runs on (none: the site does not offer it).
/// </summary>
public sealed record AuthConfigResponse(
    bool DevSignIn, string? Authority, string? Audience, string? ClientId, string? Scope, IReadOnlyList<string> ServerKeyProviders,
    IReadOnlyList<string> PlatformKeyProviders);

public sealed record DevSignInRequest(string? Email, string? DisplayName, string? Plan);

public sealed record DevSignInResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>How the site signs people in, and the self-host's development sign-in.</summary>
public sealed class AuthEndpoints(
    IOptions<AuthOptions> options, UserStore users, ServerKeys serverKeys, PlatformKeys platformKeys, DevTokenIssuer? devIssuer = null)
{
    public IResult GetConfig() =>
        new JsonResponse(new AuthConfigResponse(
            devIssuer is not null, options.Value.Authority, options.Value.Audience, options.Value.ClientId, options.Value.Scope, serverKeys.Providers,
            platformKeys.Providers));

    /// <summary>Issues a local token for any e-mail (and, for trying plans out, sets the plan). Self-host only, when enabled.</summary>
    public async Task<IResult> DevSignInAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (devIssuer is null)
        {
            return Problems.NotFound("route");
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<DevSignInRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var email = body.Email?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            errors["email"] = ["Enter an e-mail address."];
        }

        if (body.Plan is not null && !PlanIds.IsKnown(body.Plan))
        {
            errors["plan"] = [$"Choose one of: {string.Join(", ", PlanIds.All)}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var displayName = string.IsNullOrWhiteSpace(body.DisplayName) ? email : body.DisplayName.Trim();
        var (token, expiresAt) = await devIssuer.IssueAsync(email, displayName, cancellationToken);
        var userId = UserStore.UserId(DevTokenIssuer.Issuer, email.ToLowerInvariant());
        await users.EnsureAsync(userId, email, displayName, cancellationToken);
        if (body.Plan is not null)
        {
            await users.SetPlanAsync(userId, body.Plan, cancellationToken);
        }

        return JsonResponse.CarryingSecret(new DevSignInResponse(token, expiresAt));
    }
}
