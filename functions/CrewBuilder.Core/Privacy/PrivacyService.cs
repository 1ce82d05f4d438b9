using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Privacy;

public sealed record ExportedGeneration(string Requirement, GenerationView Generation);

/// <summary>Everything CrewBuilder holds about one person (GDPR article 15).</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    UserProfile Profile,
    IReadOnlyList<ExportedGeneration> Generations,
    IReadOnlyList<ApiTokenInfo> ApiTokens,
    IReadOnlyList<object> UsageLedger,
    IReadOnlyList<object> AuditEntries,
    IReadOnlyList<Clarification.ClarificationView>? Clarifications = null,
    IReadOnlyList<Templates.CrewTemplate>? Templates = null);

/// <summary>A person's right to see and to erase their data.</summary>
public sealed class PrivacyService(
    UserStore users, GenerationStore generations, ArtifactStore artifacts, ApiTokenStore tokens, DataKeys dataKeys, SavedKeys savedKeys,
    UsageLedger usage, QuotaLedger quotas, SubscriptionStore subscriptions, BillingService billing, Clarification.ClarificationService clarifications,
    Templates.TemplateService templates, TimeProvider time, ILogger<PrivacyService> logger)
{
    public async Task<PersonalDataExport?> ExportAsync(string userId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userId, cancellationToken) is not { } profile)
        {
            return null;
        }

        var exported = new List<ExportedGeneration>();
        await foreach (var generation in generations.ListAllAsync(userId, before: null, cancellationToken))
        {
            exported.Add(new ExportedGeneration(generation.Requirement, generation.ToView()));
        }

        var ledger = new List<object>();
        await foreach (var row in usage.ListAllAsync(userId, cancellationToken))
        {
            ledger.Add(row);
        }

        // Audit records arrive with organisations; the export has their place already.
        return new PersonalDataExport(
            time.GetUtcNow(), profile, exported, await tokens.ListAsync(userId, cancellationToken), ledger, [], await clarifications.ListAllAsync(userId, cancellationToken),
            await templates.ListOwnAsync(userId, cancellationToken));
    }

    /// <summary>
    /// Erases the account: tokens are revoked first so nothing can act for the person meanwhile, their data key
    /// is shredded so any key they saved is unreadable at once, then their generations and artifacts go, then the
    /// profile. A subscription is cancelled at Stripe before anything is erased; if Stripe cannot be told, nothing is
    /// (false), so no one is billed for an account that no longer exists. Safe to run again if it was interrupted.
    /// </summary>
    public async Task<bool> DeleteAccountAsync(string userId, CancellationToken cancellationToken)
    {
        if (!await billing.CancelSubscriptionAsync(userId, cancellationToken))
        {
            return false;
        }

        await tokens.RevokeAllAsync(userId, cancellationToken);
        await dataKeys.ShredAsync(userId, cancellationToken);
        await savedKeys.DeleteAllAsync(userId, cancellationToken);

        var deleted = await DeleteGenerationsAsync(userId, before: null, cancellationToken);
        await clarifications.DeleteAsync(userId, before: null, cancellationToken);
        await templates.DeleteAllAsync(userId, cancellationToken);
        await usage.DeleteAllAsync(userId, cancellationToken);
        await quotas.DeleteAccountAsync(userId, cancellationToken);
        await subscriptions.DeleteAsync(userId, cancellationToken);
        await users.DeleteAsync(userId, cancellationToken);
        logger.LogInformation("Account {UserId} deleted with {GenerationCount} generations", userId, deleted);
        return true;
    }

    /// <summary>Deletes the chats without an account started before <paramref name="before"/>.</summary>
    public Task<int> DeleteAnonymousClarificationsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        clarifications.DeleteAsync(Caller.AnonymousTenant, before, cancellationToken);

    /// <summary>Deletes a tenant's generations made before <paramref name="before"/>, artifact first, then the row.</summary>
    public async Task<int> DeleteGenerationsAsync(string tenantId, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var doomed = new List<GenerationEntity>();
        await foreach (var generation in generations.ListAllAsync(tenantId, before, cancellationToken))
        {
            doomed.Add(generation);
        }

        foreach (var generation in doomed)
        {
            if (generation.ArtifactBlob is { } blob)
            {
                await artifacts.DeleteAsync(blob, cancellationToken);
            }

            await generations.DeleteAsync(tenantId, generation.RowKey, cancellationToken);
        }

        return doomed.Count;
    }
}
