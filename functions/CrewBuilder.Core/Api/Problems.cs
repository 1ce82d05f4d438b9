using CrewBuilder.Core.Organisations.Management;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CrewBuilder.Core.Api;

/// <summary>RFC 9457 problem responses with stable type URIs. Details never carry a secret or a stack trace.</summary>
public static class Problems
{
    private const string TypeBase = "https://crewbuilder.dev/problems/";

    public static IResult InvalidBody(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "invalid-body", "The request body is not valid.", detail);

    public static IResult BodyTooLarge(int maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large.",
            $"Send at most {maxBytes / 1024} KiB.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body is not JSON.",
            "Send the body as JSON with Content-Type: application/json.");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "validation", "The request is not valid.",
            "See 'errors' for what to change.", new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult GenerationNotFound() =>
        Problem(StatusCodes.Status404NotFound, "generation-not-found", "No such generation.",
            "There is no generation with this id that you can see.");

    public static IResult ClarificationFinished() =>
        Problem(StatusCodes.Status409Conflict, "clarification-finished", "This chat has finished.",
            "The interviewer has what it needs; start the generation, or start a new chat.");

    public static IResult ClarificationConflict() =>
        Problem(StatusCodes.Status409Conflict, "clarification-conflict", "The chat moved on.",
            "Another answer arrived at the same time; reload the chat and answer its latest question.");

    public static IResult TooManyClarifications(TimeSpan retryAfter) =>
        TooMany("too-many-clarifications", "Too many chat turns this hour.", retryAfter, wait => $"Try again in {wait}.");

    public static IResult GenerationRunning(string detail = "Rate it once it has completed (or failed).") =>
        Problem(StatusCodes.Status409Conflict, "generation-running", "The generation has not ended yet.", detail);

    public static IResult GenerationEnded() =>
        Problem(StatusCodes.Status409Conflict, "generation-ended", "The generation has already ended.",
            "Only a queued or running generation can be cancelled.");

    public static IResult ArtifactNotReady() =>
        Problem(StatusCodes.Status404NotFound, "artifact-not-ready", "The project is not ready.",
            "The project can be downloaded once the generation has completed.");

    /// <summary>401 with a challenge that says only whether a token was presented, nothing about why it failed.</summary>
    public static IResult Unauthorized(bool invalidToken) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Authentication required.",
            invalidToken ? "The bearer token was not accepted." : "Send a bearer token.",
            headers: new() { ["WWW-Authenticate"] = invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer" });

    public static IResult Forbidden(string? scope) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "Not allowed.",
            scope is null ? "This kind of credential cannot do this." : $"This needs a token with the '{scope}' scope.",
            headers: new() { ["WWW-Authenticate"] = scope is null ? "Bearer error=\"insufficient_scope\"" : $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"" });

    public static IResult PlatformAdministratorsOnly() =>
        Problem(StatusCodes.Status403Forbidden, "platform-administrators-only", "For platform administrators only.",
            "This is for CrewBuilder's platform administrators; ask one to add your user id to Admin:UserIds.");

    public static IResult TooManyFailedAuthentications(TimeSpan retryAfter) =>
        TooMany("too-many-failed-authentications", "Too many failed sign-in attempts.", retryAfter, wait => $"Try again in {wait}.");

    public static IResult TooManyGenerations(bool anonymous, TimeSpan retryAfter) => anonymous
        ? TooMany("too-many-anonymous-generations", "Too many generations from this address.", retryAfter,
            wait => $"Without an account, an address may start only so many generations an hour. Sign in, or try again in {wait}.")
        : TooMany("too-many-generations", "Too many generations this hour.", retryAfter,
            wait => $"An account may start only so many generations an hour. Try again in {wait}.");

    private static ProblemResponse TooMany(string slug, string title, TimeSpan retryAfter, Func<string, string> detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var wait = seconds < 120 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes";
        return Problem(StatusCodes.Status429TooManyRequests, slug, title, detail(wait),
            headers: new() { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public static IResult PlanRequired(string feature) =>
        Problem(StatusCodes.Status403Forbidden, "plan-required", "Your plan does not include this.",
            $"{feature} come with the Professional and Enterprise plans.");

    public static IResult ChargeRefused(Billing.ChargeProblem problem, DateTimeOffset now) => problem.Refusal switch
    {
        Billing.ChargeRefusal.QuotaExhausted =>
            TooMany("quota-exhausted", "Your plan's generations are used up.", (problem.RenewsAt ?? now.AddDays(1)) - now, _ => problem.Detail),
        Billing.ChargeRefusal.SpendCapReached =>
            TooMany("spend-cap-reached", "CrewBuilder Pro AI's budget is spent.", (problem.RenewsAt ?? now.AddDays(1)) - now, _ => problem.Detail),
        Billing.ChargeRefusal.CreditUnknown => Validation(new Dictionary<string, string[]> { ["credit"] = [problem.Detail] }),
        Billing.ChargeRefusal.PastDue => Problem(StatusCodes.Status402PaymentRequired, "payment-past-due", "Your last payment did not go through.", problem.Detail),
        _ => Problem(StatusCodes.Status402PaymentRequired, "credit-not-spendable", "This paid generation cannot be spent.", problem.Detail),
    };

    public static IResult BillingUnavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "billing-unavailable", "Payments are not available.", detail);

    public static IResult StatusUnavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "status-unavailable", "The status history cannot be read right now.",
            "Storage did not answer; GET /api/health says whether it is reachable. Please try again in a minute.");

    public static IResult WebhookRejected() =>
        Problem(StatusCodes.Status400BadRequest, "webhook-rejected", "The webhook was not accepted.",
            "The Stripe-Signature header did not verify against this payload, or its timestamp is too old.");

    public static IResult WebhookUnreadable() =>
        Problem(StatusCodes.Status400BadRequest, "webhook-unreadable", "The webhook's payload is not a Stripe event.",
            "The signature verified, but the payload is not a JSON event object with an id and a type.");

    public static IResult OrganisationRefused(OrgRefusal refusal) => refusal switch
    {
        OrgRefusal.Forbidden => Problem(StatusCodes.Status403Forbidden, "organisation-role", "Your role does not allow this.",
            "Ask an owner or admin of the organisation."),
        OrgRefusal.LastOwner => Problem(StatusCodes.Status409Conflict, "last-owner", "An organisation needs an owner.",
            "Make someone else an owner first; the last owner can neither leave nor be demoted."),
        OrgRefusal.OwnRole => Problem(StatusCodes.Status409Conflict, "own-role", "You cannot change your own role.",
            "Another owner or admin changes it for you."),
        OrgRefusal.InvitationExpired => Problem(StatusCodes.Status409Conflict, "invitation-expired", "This invitation has expired.",
            "Ask for a new invitation."),
        OrgRefusal.InvitationUsed => Problem(StatusCodes.Status409Conflict, "invitation-used", "This invitation was already used.",
            "Each invitation link works once; ask for a new one."),
        OrgRefusal.InvitationUnknown => Problem(StatusCodes.Status404NotFound, "invitation-not-found", "No such invitation.",
            "The invitation is not one we issued, or it was sent again with a new link or withdrawn."),
        _ => NotFound("organisation"),
    };

    public static IResult HostnameTaken(string host) =>
        Problem(StatusCodes.Status409Conflict, "hostname-taken", "Another organisation has mapped this hostname.",
            $"{host} is mapped by another organisation; if it is yours, ask CrewBuilder's support to release it.");

    /// <summary>The organisation's vault is down, sealed or refuses CrewBuilder: nothing was changed, and the detail names the vault and what to do.</summary>
    public static IResult VaultUnavailable(Organisations.OrgVaultUnavailableException unavailable) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "vault-unavailable", "The organisation's vault cannot be used right now.", unavailable.Message);

    public static IResult NotFound(string what) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"No such {what}.", $"There is no {what} with this id that you can see.");

    public static IResult KeyEnvelopeRefused(Keys.EnvelopeError error)
    {
        var (status, detail) = error switch
        {
            Keys.EnvelopeError.UnknownKey => (StatusCodes.Status409Conflict, "The server's encryption key has changed; fetch it again and re-encrypt."),
            Keys.EnvelopeError.Stale => (StatusCodes.Status422UnprocessableEntity, "The encrypted key is more than five minutes old; encrypt it again."),
            Keys.EnvelopeError.Replayed => (StatusCodes.Status409Conflict, "This encrypted key was already used; encrypt it again."),
            _ => (StatusCodes.Status400BadRequest, "encryptedKey is not a key encrypted with this server's encryption key."),
        };
        return Problem(status, "key-envelope-refused", "The encrypted key was not accepted.", detail);
    }

    public static IResult Unexpected() =>
        Problem(StatusCodes.Status500InternalServerError, "unexpected", "Something went wrong on our side.",
            "The error has been logged. Please try again.");

    private static ProblemResponse Problem(
        int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null, Dictionary<string, string>? headers = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeBase + slug, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return new ProblemResponse(problem, headers ?? []);
    }

    /// <summary>A problem answer whose details other adapters (the MCP server) can read back.</summary>
    private sealed class ProblemResponse(ProblemDetails problem, Dictionary<string, string> headers) : IResult, IValueHttpResult<ProblemDetails>
    {
        public ProblemDetails Value => problem;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            httpContext.Response.ContentType = "application/problem+json";
            foreach (var (name, value) in headers)
            {
                httpContext.Response.Headers[name] = value;
            }

            await System.Text.Json.JsonSerializer.SerializeAsync(httpContext.Response.Body, problem, ApiJson.Options, httpContext.RequestAborted);
        }
    }
}
