using CrewBuilder.Core.Identity;

namespace CrewBuilder.Core.Keys;

/// <summary>Why no key could be chosen as asked; safe to show.</summary>
public sealed record KeyChoiceProblem(string Field, string Message);

/// <summary>
/// Chooses the key of a generation — the caller's saved key, then the server's own key (self-hosted), else none
/// (template mode) — and, in the one activity that needs it, reveals that key.
/// </summary>
public sealed class KeyResolver(SavedKeys savedKeys, ServerKeys serverKeys)
{
    public async Task<(KeySelection? Selection, KeyChoiceProblem? Problem)> ChooseAsync(
        Caller caller, string? keySource, string? provider, CancellationToken cancellationToken)
    {
        if (provider is not null && !Providers.IsKnown(provider))
        {
            return (null, new("provider", $"Choose one of: {string.Join(", ", Providers.All)}."));
        }

        var saved = caller.Kind is CallerKind.User or CallerKind.ApiToken
            ? (await savedKeys.ListAsync(caller.TenantId, cancellationToken)).Select(key => key.Provider).ToList()
            : [];
        var savedChoice = Pick(saved, provider) is { } savedProvider ? new KeySelection(KeySource.Saved, savedProvider) : null;
        var serverChoice = Pick(serverKeys.Providers, provider) is { } serverProvider ? new KeySelection(KeySource.Server, serverProvider) : null;
        return keySource switch
        {
            null => (savedChoice ?? serverChoice, null),
            "saved" => savedChoice is null ? (null, new("keySource", "There is no saved key for this provider; save one in Settings.")) : (savedChoice, null),
            "server" => serverChoice is null ? (null, new("keySource", "This server has no key of its own for this provider.")) : (serverChoice, null),
            "once" or "organisation" or "platform" => (null, new("keySource", $"The '{keySource}' key source is not available yet.")),
            _ => (null, new("keySource", "Choose one of: saved, server.")),
        };
    }

    public async Task<string> RevealAsync(string tenantId, KeySelection selection, CancellationToken cancellationToken) =>
        (selection.Source == KeySource.Saved
            ? await savedKeys.RevealAsync(tenantId, selection.Provider, cancellationToken)
            : serverKeys.For(selection.Provider))
        ?? throw new Generation.Workflow.GenerationFailedException($"The {ProviderName(selection.Provider)} key is no longer available.");

    public static string ProviderName(string provider) => provider == Providers.Anthropic ? "Anthropic" : "OpenAI";

    private static string? Pick(IReadOnlyList<string> available, string? wanted) =>
        wanted is null ? (available.Count > 0 ? available[0] : null) : available.Contains(wanted) ? wanted : null;
}
