namespace CrewBuilder.Tests.Organisations;

/// <summary>Tests that each start a <see cref="VaultWorld"/> of their own, with the vault addresses they may reach.</summary>
public abstract class VaultWorldTests(Dictionary<string, string> vaultSettings) : IAsyncLifetime
{
    internal VaultWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await VaultWorld.StartAsync(vaultSettings);

    public Task DisposeAsync() => World.DisposeAsync().AsTask();
}
