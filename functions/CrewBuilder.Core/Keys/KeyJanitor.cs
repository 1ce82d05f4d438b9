namespace CrewBuilder.Core.Keys;

/// <summary>The hourly clean-up of short-lived key material: expired per-generation key slots and old transport nonces.</summary>
public sealed class KeyJanitor(KeySlots slots, KeyEnvelope envelope)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken) =>
        await slots.SweepExpiredAsync(cancellationToken) + await envelope.SweepNoncesAsync(cancellationToken);
}
