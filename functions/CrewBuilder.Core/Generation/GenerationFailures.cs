using CrewBuilder.Core.Billing;

namespace CrewBuilder.Core.Generation;

/// <summary>
/// Ends a generation as failed: its charge released, what its steps spent counted, its one-off key forgotten before
/// the failure is written, then settled. A workflow's failed step and a workflow that could never be started end the same way.
/// </summary>
public sealed class GenerationFailures(GenerationCharges charges, GenerationStore generations, GenerationSettlement settlement)
{
    /// <param name="progress">How far its workflow got; null when it never started.</param>
    public async Task FailAsync(GenerationRef generation, string error, WorkflowProgress? progress, CancellationToken cancellationToken)
    {
        await charges.ReleaseAsync(generation.QuotaAccount, generation.GenerationId, cancellationToken);
        await charges.RecordSpendAsync(generation.TenantId, generation.GenerationId, generation.Key, progress?.CostUsd, cancellationToken);
        await settlement.ForgetKeyAsync(generation, cancellationToken);
        await settlement.SettleAsync(generation, await generations.FailedAsync(generation, error, progress, cancellationToken), cancellationToken);
    }
}
