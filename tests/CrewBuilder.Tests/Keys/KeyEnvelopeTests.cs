using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Keys;

public sealed class KeyEnvelopeTests : IDisposable
{
    private readonly CoreServices core = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_janitor_forgets_nonces_older_than_the_acceptance_window_and_keeps_recent_ones()
    {
        var envelope = core.Get<KeyEnvelope>();
        var jwk = await core.Get<TransportKeys>().PublicKeyAsync(CancellationToken.None);
        Assert.Equal(EnvelopeError.None, (await envelope.OpenAsync(Jwe.Encrypt(jwk, Jwe.Payload("sk-old-0000000000000000000", core.Time.GetUtcNow())), CancellationToken.None)).Error);
        core.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EnvelopeError.None, (await envelope.OpenAsync(Jwe.Encrypt(jwk, Jwe.Payload("sk-new-0000000000000000000", core.Time.GetUtcNow())), CancellationToken.None)).Error);

        Assert.Equal(1, await envelope.SweepNoncesAsync(CancellationToken.None));
        Assert.Equal(0, await envelope.SweepNoncesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_payload_from_the_future_is_refused_as_stale()
    {
        var jwk = await core.Get<TransportKeys>().PublicKeyAsync(CancellationToken.None);

        var opened = await core.Get<KeyEnvelope>().OpenAsync(Jwe.Encrypt(jwk, Jwe.Payload("sk-future-000000000000000", core.Time.GetUtcNow().AddMinutes(10))), CancellationToken.None);

        Assert.Equal(EnvelopeError.Stale, opened.Error);
        Assert.Null(opened.Key);
    }

    public void Dispose() => core.Dispose();
}

public sealed class KeySlotTests : IDisposable
{
    private readonly CoreServices core = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_slot_whose_generation_never_ended_is_swept_by_the_janitor_once_it_expires()
    {
        var slots = core.Get<KeySlots>();
        await slots.StoreAsync("generation-a", "openai", "sk-proj-" + "slot-key-000000000000000", CancellationToken.None);
        Assert.Equal("sk-proj-" + "slot-key-000000000000000", await slots.RevealAsync("generation-a", "openai", CancellationToken.None));

        core.Time.Advance(KeySlots.Lifetime + TimeSpan.FromMinutes(1));

        Assert.Null(await slots.RevealAsync("generation-a", "openai", CancellationToken.None));
        Assert.Equal(1, await core.Get<KeyJanitor>().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_slot_opens_only_for_its_own_generation()
    {
        var slots = core.Get<KeySlots>();
        await slots.StoreAsync("generation-b", "openai", "sk-proj-" + "slot-key-000000000000000", CancellationToken.None);

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => slots.RevealAsync("generation-b", "anthropic", CancellationToken.None));
    }

    public void Dispose() => core.Dispose();
}
