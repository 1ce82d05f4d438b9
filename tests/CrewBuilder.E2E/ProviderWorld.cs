using CrewBuilder.Tests.Support;

namespace CrewBuilder.E2E;

/// <summary>A self-host with the loopback stand-in of OpenAI's and Anthropic's APIs, which a subclass's settings point the host at.</summary>
public abstract class ProviderWorld : BrowserWorld
{
    public ProviderStandIn Providers { get; } = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Providers.Dispose();
    }
}
