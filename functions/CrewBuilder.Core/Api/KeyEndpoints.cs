using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Api;

/// <summary>A provider key as a request sends it: encrypted for this server, or (from an API token over HTTPS) plain.</summary>
public interface ISentKey
{
    string? EncryptedKey { get; }

    string? Key { get; }
}

/// <summary>
/// A provider key to save: <paramref name="EncryptedKey"/> (a compact JWE made with the server's transport key),
/// or <paramref name="Key"/> in plain text, accepted only from an API token with keys:manage over HTTPS.
/// <paramref name="TestReceipt"/>, from testing this very key before saving it, saves it as connected without testing again.
/// </summary>
public sealed record SaveKeyRequest(string? EncryptedKey, string? Key, string? TestReceipt = null) : ISentKey;

/// <summary>A key to test without saving it; the same forms of the key as <see cref="SaveKeyRequest"/>.</summary>
public sealed record TestUnsavedKeyRequest(string? EncryptedKey, string? Key) : ISentKey;

/// <summary>What the provider said of an unsaved key; when it was accepted, the receipt to save it with.</summary>
public sealed record UnsavedKeyTestResult(KeyTestOutcome Result, string? TestReceipt);

public sealed record SavedKeyList(IReadOnlyList<SavedKeyInfo> Items);

public sealed record KeyTestResult(KeyTestOutcome Result, SavedKeyInfo Key);

/// <summary>The settings API for saved provider keys.</summary>
public sealed class KeyEndpoints(
    ApiGate gate, TransportKeys transportKeys, KeyEnvelope envelope, SavedKeys savedKeys, ProviderKeyTester tester, KeyTestReceipts receipts,
    IOptions<AuthOptions> authOptions)
{
    public async Task<IResult> GetEncryptionKeyAsync(CancellationToken cancellationToken) =>
        new JsonResponse(await transportKeys.PublicKeyAsync(cancellationToken));

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageKeys, caller => ListForAsync(caller.TenantId, cancellationToken), cancellationToken);

    public Task<IResult> SaveAsync(HttpRequest request, string provider, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageKeys, caller => SaveForAsync(request, caller, caller.TenantId, provider, cancellationToken), cancellationToken);

    public Task<IResult> TestAsync(HttpRequest request, string provider, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageKeys, caller => TestForAsync(caller.TenantId, provider, cancellationToken), cancellationToken);

    public Task<IResult> TestUnsavedAsync(HttpRequest request, string provider, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageKeys, caller => TestUnsavedForAsync(request, caller, provider, cancellationToken), cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string provider, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageKeys, caller => DeleteForAsync(caller.TenantId, provider, cancellationToken), cancellationToken);

    /// <summary>The keys of a tenant (a person, or an organisation whose role check has passed).</summary>
    public async Task<IResult> ListForAsync(string tenantId, CancellationToken cancellationToken) =>
        new JsonResponse(new SavedKeyList(await savedKeys.ListAsync(tenantId, cancellationToken)));

    /// <summary>Saves the key sent for <paramref name="provider"/>, in its own slot or another (a rotation's pending key).</summary>
    public async Task<IResult> SaveForAsync(
        HttpRequest request, Caller caller, string tenantId, string provider, CancellationToken cancellationToken, string? slot = null)
    {
        var (body, key, problem) = await ReadKeyAsync<SaveKeyRequest>(request, caller, provider, cancellationToken);
        if (key is null)
        {
            return problem!;
        }

        DateTimeOffset? connectedAt = null;
        if (body!.TestReceipt is { Length: > 0 } receipt
            && (connectedAt = await receipts.ConnectedAtAsync(tenantId, provider, key, receipt, cancellationToken)) is null)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["testReceipt"] = ["Not the receipt of a successful test of this key in the last hour: test the key again, or save it without a receipt."],
            });
        }

        return new JsonResponse(await savedKeys.SaveAsync(tenantId, slot ?? provider, key, cancellationToken, connectedAt));
    }

    /// <summary>Asks the provider about a key that is not saved, and stores nothing; an accepted key gets a receipt to save it with.</summary>
    public async Task<IResult> TestUnsavedForAsync(HttpRequest request, Caller caller, string provider, CancellationToken cancellationToken)
    {
        var (_, key, problem) = await ReadKeyAsync<TestUnsavedKeyRequest>(request, caller, provider, cancellationToken);
        if (key is null)
        {
            return problem!;
        }

        var outcome = await tester.TestAsync(provider, key, cancellationToken);
        var receipt = outcome == KeyTestOutcome.Connected ? await receipts.IssueAsync(caller.TenantId, provider, key, cancellationToken) : null;
        return new JsonResponse(new UnsavedKeyTestResult(outcome, receipt));
    }

    public async Task<IResult> TestForAsync(string tenantId, string provider, CancellationToken cancellationToken)
    {
        if (!Providers.IsKnown(provider) || await savedKeys.RevealAsync(tenantId, provider, cancellationToken) is not { } key)
        {
            return Problems.NotFound("saved key");
        }

        var outcome = await tester.TestAsync(provider, key, cancellationToken);
        var info = await savedKeys.RecordTestAsync(tenantId, provider, outcome, cancellationToken);
        return info is null ? Problems.NotFound("saved key") : new JsonResponse(new KeyTestResult(outcome, info));
    }

    public async Task<IResult> DeleteForAsync(string tenantId, string provider, CancellationToken cancellationToken) =>
        Providers.IsKnown(provider) && await savedKeys.DeleteAsync(tenantId, provider, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("saved key");

    /// <summary>The body and the key it carries for a known provider, in the form that provider's keys have; else the problem.</summary>
    private async Task<(TBody? Body, string? Key, IResult? Problem)> ReadKeyAsync<TBody>(
        HttpRequest request, Caller caller, string provider, CancellationToken cancellationToken)
        where TBody : class, ISentKey
    {
        if (!Providers.IsKnown(provider))
        {
            return (null, null, Problems.NotFound("provider"));
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<TBody>(request, cancellationToken);
        if (body is null)
        {
            return (null, null, problem);
        }

        var (key, refusal) = await KeyFromAsync(body, caller, request, cancellationToken);
        if (key is null)
        {
            return (body, null, refusal);
        }

        return Providers.FormatProblem(provider, key) is { } formatProblem
            ? (body, null, Problems.Validation(new Dictionary<string, string[]> { ["key"] = [formatProblem] }))
            : (body, key, null);
    }

    private async Task<(string? Key, IResult? Refusal)> KeyFromAsync(ISentKey body, Caller caller, HttpRequest request, CancellationToken cancellationToken)
    {
        if (body.EncryptedKey is { Length: > 0 } encrypted)
        {
            var opened = await envelope.OpenAsync(encrypted, cancellationToken);
            return opened.Error == EnvelopeError.None ? (opened.Key, null) : (null, Problems.KeyEnvelopeRefused(opened.Error));
        }

        if (body.Key is { Length: > 0 } plain && caller.Kind == CallerKind.ApiToken && IsHttps(request))
        {
            return (plain, null);
        }

        return (null, Problems.Validation(new Dictionary<string, string[]>
        {
            ["encryptedKey"] = ["Send the key encrypted with GET /api/settings/api-keys/encryption-key. A plain key is accepted only from an API token with keys:manage over HTTPS."],
        }));
    }

    private bool IsHttps(HttpRequest request) =>
        request.IsHttps || authOptions.Value.TrustForwardedFor && string.Equals(request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase);
}
