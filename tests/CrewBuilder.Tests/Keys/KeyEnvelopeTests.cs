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
