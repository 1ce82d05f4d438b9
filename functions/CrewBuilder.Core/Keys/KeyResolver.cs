using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Organisations;

namespace CrewBuilder.Core.Keys;

/// <summary>Why no key could be chosen as asked; safe to show. <paramref name="Envelope"/> when an encrypted key was refused.</summary>
public sealed record KeyChoiceProblem(string Field, string Message, EnvelopeError Envelope = EnvelopeError.None);

/// <summary>
/// The chosen key; for a per-generation key, the key itself too, to be put in its slot and nowhere else; for an
/// organisation's, the name of the organisation that pays, and its own model endpoint when it has one.
/// </summary>
public sealed record KeyChoice(KeySelection? Selection, string? OnceKey = null, string? OrganisationName = null, ModelEndpoint? Endpoint = null);

/// <summary>What choosing a generation's key came to: a choice (no key at all is one: template mode), or why not.</summary>
public abstract record KeyChoiceResult
{
    private KeyChoiceResult()
    {
    }

    public sealed record Chosen(KeyChoice Choice) : KeyChoiceResult;

    public sealed record Refused(KeyChoiceProblem Problem) : KeyChoiceResult;

    /// <summary>The organisation named to pay is not one the caller belongs to, or (<paramref name="Member"/>) their role there does not generate.</summary>
    public sealed record OrganisationRefused(bool Member) : KeyChoiceResult;
}

/// <summary>
/// Chooses the key of a generation — a key for this generation only, then the caller's saved key, then a key of an
/// organisation they generate for, then CrewBuilder's
/// own key where the plan or a paid generation allows it, then the server's own key (self-hosted), else none (template
/// mode) — and, in the activities that need it, reveals that key.
/// </summary>
public sealed class KeyResolver(
    SavedKeys savedKeys, OrganisationStore organisations, DedicatedAiStore dedicatedAi, PlatformKeys platformKeys, ServerKeys serverKeys, KeyEnvelope envelope,
    KeySlots slots)
{
    /// <param name="platformAllowed">Whether the plan or a paid generation allows CrewBuilder's own key: awaited only once
    /// the stored keys are read, so the caller may still be working it out.</param>
    /// <param name="orgId">The organisation that pays, for a member of several; null: the one organisation that can.</param>
    public async Task<KeyChoiceResult> ChooseAsync(
        Caller caller, string? keySource, string? provider, string? encryptedKey, Task<bool> platformAllowed, CancellationToken cancellationToken, string? orgId = null)
    {
        if (provider is not null && !Providers.IsKnown(provider))
        {
            return new KeyChoiceResult.Refused(new KeyChoiceProblem("provider", $"Choose one of: {string.Join(", ", Providers.All)}."));
        }

        if (keySource == "once" || keySource is null && encryptedKey is not null)
        {
            return await OnceAsync(provider, encryptedKey, cancellationToken);
        }

        // Stored keys are looked up only when the request can end up using them: no reads for a source named otherwise.
        // With no source named, the caller's saved keys and organisations are read side by side: the organisations'
        // reads are wasted when a saved key wins, but nobody waits for one read before the other starts.
        var signedIn = caller.Kind is CallerKind.User or CallerKind.ApiToken;
        var savedReading = signedIn && keySource is null or "saved" ? savedKeys.ListAsync(caller.TenantId, cancellationToken) : null;
        var organisationReading = signedIn && keySource is null or "organisation" ? OrganisationAsync(caller, provider, orgId, cancellationToken) : null;
        var saved = savedReading is null ? [] : (await savedReading).Select(key => key.Provider).ToList();
        var savedChoice = Pick(saved, provider) is { } savedProvider ? new KeySelection(KeySource.Saved, savedProvider) : null;
        KeyChoiceResult? organisation = null;
        if (organisationReading is not null && (keySource == "organisation" || savedChoice is null))
        {
            organisation = await organisationReading;
        }
        else
        {
            // A saved key won: nobody waits for the organisations' answer, and a fault in it changes nothing.
            organisationReading?.Abandon();
        }

        var platformChoice = await platformAllowed && Pick(platformKeys.Providers, provider) is { } platformProvider
            ? new KeySelection(KeySource.Platform, platformProvider)
            : null;
        var serverChoice = Pick(serverKeys.Providers, provider) is { } serverProvider ? new KeySelection(KeySource.Server, serverProvider) : null;
        return keySource switch
        {
            null => organisation ?? new KeyChoiceResult.Chosen(new KeyChoice(savedChoice ?? platformChoice ?? serverChoice)),
            "saved" => savedChoice is null ? new KeyChoiceResult.Refused(new KeyChoiceProblem("keySource", "There is no saved key for this provider; save one in Settings.")) : new KeyChoiceResult.Chosen(new KeyChoice(savedChoice)),
            "server" => serverChoice is null ? new KeyChoiceResult.Refused(new KeyChoiceProblem("keySource", "This server has no key of its own for this provider.")) : new KeyChoiceResult.Chosen(new KeyChoice(serverChoice)),
            "platform" => platformChoice is not null ? new KeyChoiceResult.Chosen(new KeyChoice(platformChoice)) : new KeyChoiceResult.Refused(PlatformProblem(await platformAllowed, provider)),
            "organisation" => organisation ?? new KeyChoiceResult.Refused(new KeyChoiceProblem("keySource", "None of your organisations has a key for this provider that you may use.")),
            _ => new KeyChoiceResult.Refused(new KeyChoiceProblem("keySource", "Choose one of: once, saved, organisation, platform, server.")),
        };
    }

    /// <summary>
    /// The organisation a member generates with: the one named by <paramref name="orgId"/>, else the only one of theirs
    /// that has a key for the provider; a member of several that have is asked to name one. Null when none has.
    /// </summary>
    private async Task<KeyChoiceResult?> OrganisationAsync(Caller caller, string? provider, string? orgId, CancellationToken cancellationToken)
    {
        if (caller.UserId is null)
        {
            return null;
        }

        var memberships = await organisations.OfUserAsync(caller.UserId, cancellationToken);
        if (orgId is not null)
        {
            if (memberships.Where(pair => pair.Org.Id == orgId).ToList() is not [var named])
            {
                return new KeyChoiceResult.OrganisationRefused(Member: false);
            }

            if (!OrgRoles.Allows(named.Role, OrgAction.UseKeys))
            {
                return new KeyChoiceResult.OrganisationRefused(Member: true);
            }

            memberships = [named];
        }

        var payers = new List<KeyChoice>();
        foreach (var (org, _) in memberships.Where(pair => OrgRoles.Allows(pair.Role, OrgAction.UseKeys)).OrderBy(pair => pair.Org.Id, StringComparer.Ordinal))
        {
            if (await PayerAsync(org, provider, cancellationToken) is { } payer)
            {
                payers.Add(payer);
            }
        }

        return payers switch
        {
            [var only] => new KeyChoiceResult.Chosen(only),
            [] when orgId is not null => new KeyChoiceResult.Refused(new KeyChoiceProblem(
                "orgId", $"{memberships[0].Org.Name} has no key for this provider; ask its owner or admin to add one, or choose another key.")),
            [] => null,
            _ => new KeyChoiceResult.Refused(new KeyChoiceProblem("orgId",
                $"You belong to several organisations that could pay for this generation: {string.Join(", ", payers.Select(payer => $"{payer.OrganisationName} ({payer.Selection!.OrganisationId})"))}. Say which one with orgId.")),
        };
    }

    /// <summary>
    /// The key of a generation started on <paramref name="site"/>'s white-label hostname, by anyone (anonymous visitors
    /// included): always that organisation's own AI or keys, so any other key source, or another organisation, is refused.
    /// </summary>
    public async Task<KeyChoiceResult> ChooseForSiteAsync(
        Organisation site, string? keySource, string? provider, string? orgId, CancellationToken cancellationToken)
    {
        if (provider is not null && !Providers.IsKnown(provider))
        {
            return new KeyChoiceResult.Refused(new KeyChoiceProblem("provider", $"Choose one of: {string.Join(", ", Providers.All)}."));
        }

        if (keySource is not (null or "organisation") || orgId is not null && orgId != site.Id)
        {
            return new KeyChoiceResult.Refused(new KeyChoiceProblem(keySource is null ? "orgId" : "keySource",
                $"Generations on this site run on {site.Name}'s AI; leave keySource and orgId out."));
        }

        return await PayerAsync(site, provider, cancellationToken) is { } payer
            ? new KeyChoiceResult.Chosen(payer)
            : new KeyChoiceResult.Refused(new KeyChoiceProblem("keySource",
                $"{site.Name} has not set up AI for this site{(provider is null ? "" : $" with {ProviderName(provider)}")} yet; ask its administrators."));
    }

    /// <summary>How <paramref name="org"/> would pay for a generation with <paramref name="provider"/>: its own model endpoint, else one of its keys; null when it cannot.</summary>
    private async Task<KeyChoice?> PayerAsync(Organisation org, string? provider, CancellationToken cancellationToken)
    {
        // An organisation's own model endpoint carries every OpenAI-shaped call it pays for.
        if (provider is null or Providers.OpenAi && await dedicatedAi.FindAsync(org.Id, cancellationToken) is { } dedicated)
        {
            return new KeyChoice(new KeySelection(KeySource.Organisation, Providers.OpenAi, org.Id, Dedicated: true), OrganisationName: org.Name, Endpoint: dedicated.Endpoint);
        }

        var keys = (await savedKeys.ListAsync(org.Id, cancellationToken)).Select(key => key.Provider).ToList();
        return Pick(keys, provider) is { } chosen ? new KeyChoice(new KeySelection(KeySource.Organisation, chosen, org.Id), OrganisationName: org.Name) : null;
    }

    /// <summary>The chosen key itself; null when it is gone since (a one-off key forgotten, a saved key deleted): see <see cref="NoLongerAvailable"/>.</summary>
    public async Task<string?> RevealAsync(string generationId, string tenantId, KeySelection selection, CancellationToken cancellationToken) =>
        selection.Source switch
        {
            KeySource.Once => await slots.RevealAsync(generationId, selection.Provider, cancellationToken),
            KeySource.Saved => await savedKeys.RevealAsync(tenantId, selection.Provider, cancellationToken),
            KeySource.Organisation => await savedKeys.RevealAsync(selection.OrganisationId!, selection.Dedicated ? DedicatedAiStore.KeySlot : selection.Provider, cancellationToken),
            KeySource.Platform => platformKeys.For(selection.Provider),
            _ => serverKeys.For(selection.Provider),
        };

    /// <summary>The organisation's own model endpoint a selection runs on, as registered now; null for any other selection, or once removed.</summary>
    public async Task<ModelEndpoint?> EndpointAsync(KeySelection selection, CancellationToken cancellationToken) =>
        selection is { Dedicated: true, OrganisationId: { } orgId } ? (await dedicatedAi.FindAsync(orgId, cancellationToken))?.Endpoint : null;

    public static string NoLongerAvailable(KeySelection selection) => selection.Dedicated
        ? "The organisation's own AI endpoint is no longer registered."
        : $"The {ProviderName(selection.Provider)} key is no longer available.";

    /// <summary>Forgets a per-generation key once its generation has ended.</summary>
    public Task ForgetAsync(string generationId, KeySelection? selection, CancellationToken cancellationToken) =>
        selection?.Source == KeySource.Once ? slots.DeleteAsync(generationId, cancellationToken) : Task.CompletedTask;

    private async Task<KeyChoiceResult> OnceAsync(string? provider, string? encryptedKey, CancellationToken cancellationToken)
    {
        if (provider is null)
        {
            return new KeyChoiceResult.Refused(new KeyChoiceProblem("provider", "Say whose key this is: openai or anthropic."));
        }

        if (string.IsNullOrEmpty(encryptedKey))
        {
            return new KeyChoiceResult.Refused(new KeyChoiceProblem("encryptedKey", "Send the key for this generation encrypted, as encryptedKey."));
        }

        var opened = await envelope.OpenAsync(encryptedKey, cancellationToken);
        if (opened.Error != EnvelopeError.None)
        {
            return new KeyChoiceResult.Refused(new KeyChoiceProblem("encryptedKey", "The encrypted key was not accepted.", opened.Error));
        }

        return Providers.FormatProblem(provider, opened.Key!) is { } formatProblem
            ? new KeyChoiceResult.Refused(new KeyChoiceProblem("encryptedKey", formatProblem))
            : new KeyChoiceResult.Chosen(new KeyChoice(new KeySelection(KeySource.Once, provider), opened.Key));
    }

    private KeyChoiceProblem PlatformProblem(bool platformAllowed, string? provider) =>
        !platformAllowed
            ? new("keySource", "CrewBuilder Pro AI comes with a Basic, Professional or Enterprise plan, or as a single paid generation (send its credit).")
            : new("keySource", platformKeys.Providers.Count == 0
                ? "CrewBuilder Pro AI is not offered on this server."
                : $"CrewBuilder Pro AI runs on {string.Join(" or ", platformKeys.Providers.Select(ProviderName))}, not {ProviderName(provider ?? "")}.");

    public static string ProviderName(string provider) => provider == Providers.Anthropic ? "Anthropic" : "OpenAI";

    private static string? Pick(IReadOnlyList<string> available, string? wanted) =>
        wanted is null ? (available.Count > 0 ? available[0] : null) : available.Contains(wanted) ? wanted : null;
}
