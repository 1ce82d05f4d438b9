using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Webhooks;

namespace CrewBuilder.Core.Generation;

/// <summary>
/// What follows a generation's end, whichever way it ended (completed, failed, cancelled): its usage recorded, its
/// organisation's audit log told of the key's use, its one-off key forgotten, the end counted, and a completed or failed
/// generation published to its owner's webhooks (and its organisation's, when the organisation's key paid).
/// </summary>
public sealed class GenerationSettlement(UsageLedger usage, Organisations.AuditLog audit, KeyResolver keys, WebhookService webhooks, ServiceHistory serviceHistory)
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
        if (ended is { StatusValue: GenerationStatus.Completed, CompletedAt: { } completedAt })
        {
            await serviceHistory.RecordGenerationAsync(ended.RowKey, completedAt, completedAt - ended.CreatedAt, cancellationToken);
        }
        if (generation.Key is { Source: KeySource.Organisation, OrganisationId: { } orgId } key)
        {
            await audit.AppendAsync(orgId, generation.TenantId, "key.use", $"{(key.Dedicated ? "own AI endpoint" : key.Provider)} for generation {generation.GenerationId}", null, outcome, cancellationToken);
        }

        await keys.ForgetAsync(generation.GenerationId, generation.Key, cancellationToken);
        await PublishAsync(generation, ended, cancellationToken);
        CrewBuilderTelemetry.GenerationsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    private async Task PublishAsync(GenerationRef generation, GenerationEntity ended, CancellationToken cancellationToken)
    {
        var type = ended.Status switch
        {
            nameof(GenerationStatus.Completed) => WebhookEventTypes.GenerationCompleted,
            nameof(GenerationStatus.Failed) => WebhookEventTypes.GenerationFailed,
            _ => null,
        };
        if (type is null)
        {
            return;
        }

        var organisation = generation.Key is { Source: KeySource.Organisation, OrganisationId: { } orgId } ? orgId : null;
        System.Text.Json.Nodes.JsonObject Data() => new()
        {
            ["generationId"] = generation.GenerationId,
            ["status"] = ended.Status.ToLowerInvariant(),
            ["packageName"] = ended.PackageName,
            ["keySource"] = ended.KeySource?.ToLowerInvariant(),
            ["organisationId"] = organisation,
        };
        await webhooks.PublishAsync(generation.TenantId, type, Data(), cancellationToken);
        if (organisation is not null)
        {
            await webhooks.PublishAsync(organisation, type, Data(), cancellationToken);
        }
    }
}
