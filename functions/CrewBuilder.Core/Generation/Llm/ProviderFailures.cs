using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Anthropic.Exceptions;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>
/// What a failed provider call means, told from the official SDKs' exceptions. A connection that fails (refused,
/// reset, dropped, DNS, proxy: the OpenAI SDK reports these as status 0) or an answer that is late, rate limited or a
/// 5xx is worth another try; a refused key stops the generation; any other 4xx is reported by the provider's own error
/// type, code and parameter, never by its message text, which may quote the request.
/// </summary>
public static partial class ProviderFailures
{
    /// <summary>The exception to throw in place of <paramref name="e"/>, or null when it is not a failure of the provider call.</summary>
    public static Exception? Translate(Exception e, LlmTarget target, string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var provider = Keys.KeyResolver.ProviderName(target.Provider);
        var status = e switch
        {
            ClientResultException client => client.Status,
            AnthropicApiException api => (int)api.StatusCode,
            _ => (int?)null,
        };
        return e switch
        {
            Azure.Identity.AuthenticationFailedException entra => Keys.EntraCredentials.Classify(entra) == Keys.EntraRefusal.Unreachable
                ? ProviderUnavailableException.Unreachable("Entra ID")
                : new ProviderKeyRejectedException("Entra ID gave the organisation's app no token: an owner or admin tests its credentials under Dedicated AI."),
            _ when status is 401 or 403 || e is AnthropicUnauthorizedException or AnthropicForbiddenException =>
                new ProviderKeyRejectedException($"The {provider} key was rejected."),
            ClientResultException { Status: 0 } or HttpRequestException or AnthropicIOException =>
                ProviderUnavailableException.Unreachable(host),
            OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                ProviderUnavailableException.TooSlow(host, timeout),
            _ when status is 408 or 429 or >= 500 =>
                ProviderUnavailableException.Busy(provider, host, status.Value, RetryAfter(e)),
            ClientResultException or AnthropicApiException => Refused(provider, target.Model, status, ErrorOf(e)),
            _ => null,
        };
    }

    private static GenerationFailedException Refused(string provider, string model, int? status, ProviderError error)
    {
        if (error.Code == "model_not_found" || status == 404 || error.Type == "not_found_error")
        {
            return new GenerationFailedException($"{provider} has no model '{model}' for this key (HTTP {status}): choose another model, or check the key's project.");
        }

        var parts = new[] { error.Type, error.Code, error.Parameter is { } parameter ? $"parameter '{parameter}'" : null }.Where(part => part is not null);
        var said = string.Join(", ", parts);
        return new GenerationFailedException($"{provider} did not accept the request (HTTP {status}{(said.Length > 0 ? ": " + said : "")}).");
    }

    private sealed record ProviderError(string? Type, string? Code, string? Parameter);

    /// <summary>The error object of both providers' bodies: <c>{"error": {"type", "code", "param"}}</c>.</summary>
    private static ProviderError ErrorOf(Exception e)
    {
        var body = e switch
        {
            ClientResultException client => client.GetRawResponse()?.Content?.ToString(),
            AnthropicApiException api => api.ResponseBody,
            _ => null,
        };
        try
        {
            using var json = JsonDocument.Parse(body ?? "");
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return new(null, null, null);
            }

            return new(Word(error, "type"), Word(error, "code"), Word(error, "param"));
        }
        catch (JsonException)
        {
            return new(null, null, null);
        }
    }

    /// <summary>A field of the error object when it is a short identifier; free text may quote the request, so it is dropped.</summary>
    private static string? Word(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Identifier().IsMatch(value.GetString()!) ? value.GetString() : null;

    [GeneratedRegex(@"^[A-Za-z0-9_.\[\]-]{1,64}$")]
    private static partial Regex Identifier();

    private static TimeSpan? RetryAfter(Exception e) =>
        e is ClientResultException client && client.GetRawResponse() is { } response
        && response.Headers.TryGetValue("Retry-After", out var value)
        && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
