using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Privacy;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

public sealed record MeResponse(string Id, string Email, string DisplayName, string Plan, IReadOnlyList<object> Organisations);

public sealed record CreateTokenRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays)
{
    public const int MaxNameLength = 100;
    public const int DefaultLifetimeDays = 90;
    public const int MaxLifetimeDays = 365;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Give the token a name of 1 to {MaxNameLength} characters."];
        }

        if (Scopes is null || Scopes.Count == 0 || Scopes.Any(scope => !Identity.Scopes.All.Contains(scope)))
        {
            errors["scopes"] = [$"Choose one or more of: {string.Join(", ", Identity.Scopes.All.Order())}."];
        }

        if (ExpiresInDays is < 1 or > MaxLifetimeDays)
        {
            errors["expiresInDays"] = [$"A token lasts 1 to {MaxLifetimeDays} days."];
        }

        return errors;
    }
}

public sealed record CreatedTokenResponse(
    string Token, string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record TokenList(IReadOnlyList<ApiTokenInfo> Items);

/// <summary>Deleting an account needs its e-mail address typed again: the confirmation step.</summary>
public sealed record DeleteAccountRequest(string? ConfirmEmail);

/// <summary>The signed-in person's account: profile and personal API tokens.</summary>
public sealed class AccountEndpoints(ApiGate gate, UserStore users, ApiTokenStore tokens, PrivacyService privacy)
{
    public Task<IResult> ExportAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            await privacy.ExportAsync(caller.UserId!, cancellationToken) is { } export
                ? new JsonResponse(export, downloadName: "crewbuilder-data-export.json")
                : Problems.Unauthorized(invalidToken: true), cancellationToken);

    public Task<IResult> DeleteAccountAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var (body, problem) = await RequestBody.ReadJsonAsync<DeleteAccountRequest>(request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            var profile = await users.FindAsync(caller.UserId!, cancellationToken);
            if (profile is null || !string.Equals(body.ConfirmEmail?.Trim(), profile.Email, StringComparison.OrdinalIgnoreCase))
            {
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["confirmEmail"] = ["Type the e-mail address of this account to confirm that it should be deleted."],
                });
            }

            return await privacy.DeleteAccountAsync(caller.UserId!, cancellationToken)
                ? TypedResults.NoContent()
                : Problems.BillingUnavailable("Your subscription could not be cancelled with Stripe, so your account was not deleted. Please try again.");
        }, cancellationToken);

    public Task<IResult> GetMeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Account, async caller =>
            await users.FindAsync(caller.UserId!, cancellationToken) is { } profile
                ? new JsonResponse(new MeResponse(profile.Id, profile.Email, profile.DisplayName, profile.Plan, []))
                : Problems.Unauthorized(invalidToken: true), cancellationToken);

    public Task<IResult> CreateTokenAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var profile = await users.FindAsync(caller.UserId!, cancellationToken);
            if (profile is null || !Plans.AllowsApiTokens(profile.Plan))
            {
                return Problems.PlanRequired("Personal API tokens");
            }

            var (body, problem) = await RequestBody.ReadValidAsync<CreateTokenRequest>(request, body => body.Validate(), cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            var lifetime = TimeSpan.FromDays(body.ExpiresInDays ?? CreateTokenRequest.DefaultLifetimeDays);
            var created = await tokens.CreateAsync(caller.UserId!, body.Name!.Trim(), [.. body.Scopes!.Distinct()], lifetime, cancellationToken);
            var info = created.Info;
            return JsonResponse.CarryingSecret(
                new CreatedTokenResponse(created.Token, info.Id, info.Name, info.Prefix, info.Scopes, info.CreatedAt, info.ExpiresAt),
                StatusCodes.Status201Created);
        }, cancellationToken);

    public Task<IResult> ListTokensAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            new JsonResponse(new TokenList(await tokens.ListAsync(caller.UserId!, cancellationToken))), cancellationToken);

    public Task<IResult> RevokeTokenAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            await tokens.RevokeAsync(caller.UserId!, id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("token"),
            cancellationToken);
}
