using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Keys;

/// <summary>The same contract for both vaults: Key Vault through the real SecretClient (against the stand-in), and the local file vault.</summary>
public sealed class SecretVaultContractTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "crewbuilder-vault-" + Guid.NewGuid().ToString("N"));
    private readonly KeyVaultStandIn keyVault = new();
    private readonly FileSecretVault fileVault;

    public SecretVaultContractTests() => fileVault = new FileSecretVault(folder, TimeProvider.System);

    public static TheoryData<string> Vaults => new() { "key-vault", "file" };

    public void Dispose()
    {
        fileVault.Dispose();
        keyVault.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task A_missing_secret_is_null(string vault)
    {
        Assert.Null(await Vault(vault).GetAsync("nothing-here", null, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task Each_write_is_a_new_version_the_latest_is_read_by_default_and_old_versions_stay_readable(string vault)
    {
        var subject = Vault(vault);

        var first = await subject.SetAsync("key-encryption-key", "first value", CancellationToken.None);
        var second = await subject.SetAsync("key-encryption-key", "second value", CancellationToken.None);

        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal("second value", (await subject.GetAsync("key-encryption-key", null, CancellationToken.None))!.Value);
        Assert.Equal(second.Version, (await subject.GetAsync("key-encryption-key", null, CancellationToken.None))!.Version);
        Assert.Equal("first value", (await subject.GetAsync("key-encryption-key", first.Version, CancellationToken.None))!.Value);
        Assert.Null(await subject.GetAsync("key-encryption-key", "0000000000000000", CancellationToken.None));
    }

    [Fact]
    public async Task The_key_vault_client_answers_the_bearer_challenge_before_reading()
    {
        await Vault("key-vault").SetAsync("challenged", "value", CancellationToken.None);

        Assert.True(keyVault.UnauthenticatedRequests >= 1);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_file_vault_is_readable_by_its_owner_only()
    {
        await fileVault.SetAsync("private", "value", CancellationToken.None);

        var mode = File.GetUnixFileMode(Path.Combine(folder, "private.json"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    private ISecretVault Vault(string name) => name == "file" ? fileVault : new KeyVaultSecretVault(keyVault.CreateClient());
}
