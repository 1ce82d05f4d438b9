using CrewBuilder.Tests.Support;

namespace CrewBuilder.E2E;

/// <summary>A self-host that may deliver webhooks to loopback and trusts the loopback receiver's certificate (and no other).</summary>
public sealed class WebhookWorld : BrowserWorld
{
    public WebhookReceiver Receiver { get; } = new();

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["CREWBUILDER_DEV_AUTH"] = "true",
        ["Webhooks__AllowedPrivateHosts__0"] = "127.0.0.1",
        ["SSL_CERT_FILE"] = Receiver.WriteTrustFile(),
    };

    /// <summary>The deliveries the receiver gets after the first <paramref name="earlier"/> (those of earlier tests), once it has one more.</summary>
    public async Task<IEnumerable<ReceivedWebhook>> NextDeliveriesAsync(int earlier) => (await Receiver.WaitForAsync(earlier + 1)).Skip(earlier);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Receiver.Dispose();
    }
}
