using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Observability;

namespace CrewBuilder.Core.Generation;

/// <summary>
/// What follows a generation's end, whichever way it ended (completed, failed, cancelled): its usage recorded, its
/// organisation's audit log told of the key's use, its one-off key forgotten, and the end counted.
/// </summary>
public sealed class GenerationSettlement(UsageLedger usage, Organisations.AuditLog audit, KeyResolver keys)
{
    /// <summary>
    /// Forgets a one-off key before the generation's end is written, so a generation anyone sees ended holds no key; the
    /// settlement forgets it again (a no-op then) for the ways of ending that do not come through here (a cancel).
    /// </summary>
    public Task ForgetKeyAsync(GenerationRef generation, CancellationToken cancellationToken) =>
        keys.ForgetAsync(generation.GenerationId, generation.Key, cancellationToken);

    /// <param name="generation">The generation as its workflow knew it.</param>
    /// <param name="ended">Its row, as its end was written.</param>
    public async Task SettleAsync(GenerationRef generation, GenerationEntity ended, CancellationToken cancellationToken)
    {
        var outcome = ended.Status.ToLowerInvariant();
        await usage.RecordAsync(ended.ToUsage(), cancellationToken);
        if (generation.Key is { Source: KeySource.Organisation, OrganisationId: { } orgId } key)
        {
            await audit.AppendAsync(orgId, generation.TenantId, "key.use", $"{(key.Dedicated ? "own AI endpoint" : key.Provider)} for generation {generation.GenerationId}", null, outcome, cancellationToken);
        }

        await keys.ForgetAsync(generation.GenerationId, generation.Key, cancellationToken);
        CrewBuilderTelemetry.GenerationsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
