using Azure.Data.Tables;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Keys;

public sealed class KekRotationTests : IDisposable
{
    private readonly CoreServices core = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Rotation_re_wraps_every_data_key_with_a_new_version_and_every_key_still_decrypts()
    {
        var cipher = core.Get<ProviderKeyCipher>();
        var stored = new Dictionary<string, string>();
        for (var i = 0; i < 5; i++)
        {
            stored[$"tenant-{i}"] = await cipher.EncryptAsync($"tenant-{i}", "openai", "k", $"sk-key-of-tenant-{i}-000000000000000000", CancellationToken.None);
        }

        var before = await core.Get<KeyEncryptionKeys>().LatestAsync(CancellationToken.None);
        var rewrapped = await core.Get<KekRotation>().RotateAsync(CancellationToken.None);
        var after = await core.Get<KeyEncryptionKeys>().LatestAsync(CancellationToken.None);

        Assert.Equal(5, rewrapped);
        Assert.NotEqual(before.Version, after.Version);
        Assert.All(await KekVersionsAsync(), version => Assert.Equal(after.Version, version));
        foreach (var (tenant, ciphertext) in stored)
        {
            Assert.Equal($"sk-key-of-{tenant}-000000000000000000", await cipher.DecryptAsync(tenant, "openai", "k", ciphertext, CancellationToken.None));
        }

        Assert.NotNull(await core.Get<ISecretVault>().GetAsync(KeyEncryptionKeys.SecretName, before.Version, CancellationToken.None));
        Assert.Equal(5, await core.Get<KekRotation>().RotateAsync(CancellationToken.None)); // and again with the next version
    }

    [Fact]
    public async Task Keys_stay_readable_while_a_rotation_runs()
    {
        var cipher = core.Get<ProviderKeyCipher>();
        var ciphertexts = new List<(string Tenant, string Ciphertext)>();
        for (var i = 0; i < 20; i++)
        {
            ciphertexts.Add(($"busy-{i}", await cipher.EncryptAsync($"busy-{i}", "anthropic", "k", "sk-ant-" + "busy-key-000000000000000000000", CancellationToken.None)));
        }

        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (tenant, ciphertext) in ciphertexts)
                {
                    Assert.Equal("sk-ant-" + "busy-key-000000000000000000000", await cipher.DecryptAsync(tenant, "anthropic", "k", ciphertext, CancellationToken.None));
                    Interlocked.Increment(ref reads);
                }
            }
        });

        await core.Get<KekRotation>().RotateAsync(CancellationToken.None);
        await core.Get<KekRotation>().RotateAsync(CancellationToken.None);
        await stop.CancelAsync();
        await reader;

        Assert.True(reads > 0);
    }

    private async Task<List<string?>> KekVersionsAsync()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, core.StoragePrefix + DataKeys.TableName);
        var versions = new List<string?>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            versions.Add(row.GetString("KekVersion"));
        }

        return versions;
    }

    public void Dispose() => core.Dispose();
}
