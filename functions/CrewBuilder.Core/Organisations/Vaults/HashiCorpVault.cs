using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// An organisation's own HashiCorp Vault, through its HTTP API: each key is a KV v2 secret
/// <c>{mount}/data/{prefix}/{slot}</c> holding <c>api_key</c>; every call carries the token (<c>X-Vault-Token</c>) and the
/// namespace (<c>X-Vault-Namespace</c>). The token is logged in for with AppRole (or is the one the organisation gave),
/// held in <see cref="HashiCorpVaultTokens"/>, renewed once two thirds of its lease have passed, and replaced by a new
/// login when Vault no longer extends it. <paramref name="secret"/> gives the secret id or token, decrypted when needed.
/// </summary>
public sealed class HashiCorpVault(
    HttpClient http, HashiCorpVaultLocation location, Func<CancellationToken, Task<string>> secret, HashiCorpVaultTokens tokens, TimeProvider time)
    : IOrgSecretVault
{
    private const string Probe = "crewbuilder-access-check";
    private const string ValueField = "api_key";

    public string Described => $"HashiCorp Vault {location.Address.Authority}";

    public string Advice(VaultAccess access) => access switch
    {
        VaultAccess.Sealed => "This Vault is sealed. Unseal it (or ask its operators to), then try again.",
        VaultAccess.Refused => (location.Auth == HashiCorpAuth.AppRole ? "Vault refused CrewBuilder's login or request: check the role id and secret id"
                : "Vault refused CrewBuilder's token or request: check that the token is valid")
            + (location.Namespace is null ? "" : $", the namespace {location.Namespace}")
            + $", and that the policy grants create, read, update and delete on {location.Mount}/data/{location.PathPrefix}/* and delete on "
            + $"{location.Mount}/metadata/{location.PathPrefix}/*, then try again.",
        _ => $"CrewBuilder could not reach this Vault at {location.Address.Authority}. Check the address and port (e.g. https://vault.acme.com:8200/), "
            + "that it is a public address, and that Vault's network lets CrewBuilder in, then try again.",
    };

    public async Task<VaultAccess> CheckAccessAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(OrgVaults.AccessCheckTimeout, time);
        using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // Health answers without a token: a sealed Vault says so here before any login is tried.
            using (var health = await http.SendAsync(Request(HttpMethod.Get, "sys/health", token: null, inNamespace: false), check.Token))
            {
                if (health.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return VaultAccess.Sealed;
                }
            }

            await SetAsync(Probe, "ok", check.Token);
            var readBack = await GetAsync(Probe, check.Token);
            await DeleteAsync(Probe, check.Token);
            return readBack == "ok" ? VaultAccess.Granted : VaultAccess.Refused;
        }
        catch (OrgVaultUnavailableException e) when (!cancellationToken.IsCancellationRequested)
        {
            return e.Cause;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Failure(e) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>How a call failed: sealed, refused (a login or policy Vault turned down), or unreachable (no answer, a timeout, an answer that is not Vault's).</summary>
    private static VaultAccess? Failure(Exception e) => e switch
    {
        HashiCorpVaultException { IsSealed: true } => VaultAccess.Sealed,
        HashiCorpVaultException { Status: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest } => VaultAccess.Refused,
        HashiCorpVaultException or HttpRequestException or OperationCanceledException or JsonException => VaultAccess.Unreachable,
        _ => null,
    };

    public async Task SetAsync(string slot, string key, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"data/{SecretPath(slot)}", new JsonObject { ["data"] = new JsonObject { [ValueField] = key } }, cancellationToken);

    public async Task<string?> GetAsync(string slot, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, $"data/{SecretPath(slot)}", null, cancellationToken) is { } answer
            ? (string?)answer["data"]?["data"]?[ValueField]
            : null;

    /// <summary>Deletes the secret's metadata and every version of it: no copy of the key stays in the Vault.</summary>
    public async Task DeleteAsync(string slot, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, $"metadata/{SecretPath(slot)}", null, cancellationToken);

    /// <summary>
    /// One call under the mount with a current token; null when Vault answers 404 (no such secret). A token Vault
    /// refuses although it should still be valid (revoked, or its lease cut short) is dropped and one new one tried.
    /// A Vault that is sealed, refuses or does not answer is told as <see cref="OrgVaultUnavailableException"/>.
    /// </summary>
    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        try
        {
            return await SendOnceLoggedInAsync(method, path, body, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Failure(e) is { } failure)
        {
            throw new OrgVaultUnavailableException(Described, failure, Advice(failure));
        }
    }

    private async Task<JsonNode?> SendOnceLoggedInAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.CurrentAsync(location, Refresh, cancellationToken);
            using var request = Request(method, $"{location.Mount}/{path}", token, inNamespace: true);
            request.Content = body is null ? null : JsonContent.Create(body);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode == HttpStatusCode.Forbidden && attempt == 1 && location.Auth == HashiCorpAuth.AppRole)
            {
                tokens.Forget(location);
                continue;
            }

            return await AnswerAsync(response, cancellationToken);
        }
    }

    /// <summary>
    /// A token in place of <paramref name="held"/> (none yet, or due for renewal): the same one renewed while Vault
    /// extends it, else a new AppRole login; a given token is looked up to learn its lease.
    /// </summary>
    private async Task<VaultToken> Refresh(VaultToken? held, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (held is { Renewable: true } && now < held.ExpiresAt)
        {
            try
            {
                var renewed = Leased(held.Value, (await PostAsync("auth/token/renew-self", held.Value, new JsonObject(), cancellationToken))?["auth"], "lease_duration", now);
                if (renewed.ExpiresAt > held.ExpiresAt)
                {
                    return renewed;
                }
            }
            catch (HashiCorpVaultException e) when (e.Status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
            {
                // Not renewable any more (revoked, or past its maximum TTL): a new login follows.
            }
        }

        if (location.Auth == HashiCorpAuth.Token)
        {
            var token = await secret(cancellationToken);
            using var request = Request(HttpMethod.Get, "auth/token/lookup-self", token, inNamespace: true);
            using var response = await http.SendAsync(request, cancellationToken);
            return Leased(token, (await AnswerAsync(response, cancellationToken))?["data"], "ttl", now);
        }

        var login = new JsonObject { ["role_id"] = location.RoleId, ["secret_id"] = await secret(cancellationToken) };
        var auth = (await PostAsync("auth/approle/login", null, login, cancellationToken))?["auth"];
        return Leased((string?)auth?["client_token"] ?? throw new JsonException("Vault's login answer has no client_token."), auth, "lease_duration", now);
    }

    /// <summary>The token with the lease Vault gave it (in seconds; 0 means it never expires).</summary>
    private static VaultToken Leased(string token, JsonNode? lease, string durationField, DateTimeOffset now)
    {
        var seconds = (long?)lease?[durationField] ?? 0;
        var renewable = (bool?)lease?["renewable"] ?? false;
        return seconds <= 0
            ? new VaultToken(token, DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, false)
            : new VaultToken(token, now.AddSeconds(seconds * 2.0 / 3), now.AddSeconds(seconds), renewable);
    }

    private async Task<JsonNode?> PostAsync(string path, string? token, JsonNode body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, path, token, inNamespace: true);
        request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, cancellationToken);
        return await AnswerAsync(response, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? token, bool inNamespace)
    {
        var request = new HttpRequestMessage(method, new Uri(location.Address, "v1/" + path));
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (inNamespace && !string.IsNullOrEmpty(location.Namespace))
        {
            request.Headers.Add("X-Vault-Namespace", location.Namespace);
        }

        return request;
    }

    /// <summary>The answer's JSON (null for 204), or the errors Vault listed; Vault never echoes a token or secret id in them.</summary>
    private static async Task<JsonNode?> AnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }

        var errors = ErrorsOf(text);
        throw new HashiCorpVaultException(response.StatusCode, errors);
    }

    private static List<string> ErrorsOf(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["errors"]?.AsArray().Select(error => (string?)error ?? "").ToList() ?? [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    /// <summary>Vault paths take the slot as it is but for '~', kept as '-' like Key Vault's names: "openai~pending" is "openai-pending".</summary>
    private string SecretPath(string slot) => $"{location.PathPrefix.Trim('/')}/{slot.Replace('~', '-')}";
}

/// <summary>A Vault answer other than success or 404: its status and the errors it listed.</summary>
internal sealed class HashiCorpVaultException(HttpStatusCode status, IReadOnlyList<string> errors)
    : Exception($"Vault answered {(int)status}: {string.Join("; ", errors)}")
{
    public HttpStatusCode Status => status;

    /// <summary>Vault answers every request with 503 and "Vault is sealed" until its operators unseal it.</summary>
    public bool IsSealed => status == HttpStatusCode.ServiceUnavailable && errors.Any(error => error.Contains("sealed", StringComparison.OrdinalIgnoreCase));
}
