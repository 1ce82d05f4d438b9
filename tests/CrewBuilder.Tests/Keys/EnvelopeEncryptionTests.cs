using System.Security.Cryptography;
using Azure.Data.Tables;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Keys;

public sealed class EnvelopeEncryptionTests : IDisposable
{
    private const string Canary = "sk-" + "canary-envelope-0123456789abcdefghijklmnop";
    private readonly CoreServices core = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_key_encrypts_to_versioned_ciphertext_that_decrypts_back_and_never_holds_the_key()
    {
        var cipher = core.Get<ProviderKeyCipher>();

        var ciphertext = await cipher.EncryptAsync("tenant-a", "openai", "k1", Canary, CancellationToken.None);

        Assert.StartsWith("v1:", ciphertext, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", ciphertext, StringComparison.Ordinal);
        Assert.Equal(Canary, await cipher.DecryptAsync("tenant-a", "openai", "k1", ciphertext, CancellationToken.None));
    }

    [Theory]
    [InlineData("tenant-b", "openai", "k1")]
    [InlineData("tenant-a", "anthropic", "k1")]
    [InlineData("tenant-a", "openai", "k2")]
    public async Task A_ciphertext_moved_to_another_tenant_provider_or_key_id_does_not_decrypt(string tenant, string provider, string keyId)
    {
        var cipher = core.Get<ProviderKeyCipher>();
        var ciphertext = await cipher.EncryptAsync("tenant-a", "openai", "k1", Canary, CancellationToken.None);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.DecryptAsync(tenant, provider, keyId, ciphertext, CancellationToken.None));
    }

    [Fact]
    public async Task An_altered_ciphertext_does_not_decrypt()
    {
        var cipher = core.Get<ProviderKeyCipher>();
        var bytes = Convert.FromBase64String((await cipher.EncryptAsync("tenant-a", "openai", "k1", Canary, CancellationToken.None))[3..]);
        bytes[^1] ^= 1;

        await Assert.ThrowsAnyAsync<CryptographicException>(() =>
            cipher.DecryptAsync("tenant-a", "openai", "k1", "v1:" + Convert.ToBase64String(bytes), CancellationToken.None));
    }

    [Fact]
    public async Task Shredding_a_tenants_data_key_makes_its_ciphertexts_unreadable_for_good()
    {
        var cipher = core.Get<ProviderKeyCipher>();
        var ciphertext = await cipher.EncryptAsync("tenant-s", "openai", "k1", Canary, CancellationToken.None);

        await core.Get<DataKeys>().ShredAsync("tenant-s", CancellationToken.None);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.DecryptAsync("tenant-s", "openai", "k1", ciphertext, CancellationToken.None));
    }

    [Fact]
    public async Task Data_keys_are_stored_only_wrapped_and_the_key_encryption_key_is_not_in_storage()
    {
        await core.Get<ProviderKeyCipher>().EncryptAsync("tenant-w", "openai", "k1", Canary, CancellationToken.None);
        var kek = await core.Get<KeyEncryptionKeys>().LatestAsync(CancellationToken.None);

        var table = new TableClient(AzuriteServer.Instance.ConnectionString, core.StoragePrefix + DataKeys.TableName);
        var row = (await table.GetEntityAsync<TableEntity>("tenant-w", "dek")).Value;
        var wrapped = row.GetBinary("Wrapped");
        Assert.Equal(12 + 32 + 16, wrapped.Length);
        Assert.Equal(kek.Version, row.GetString("KekVersion"));
        Assert.DoesNotContain(Convert.ToBase64String(kek.Key), string.Join('\n', row.Select(p => p.Value?.ToString())), StringComparison.Ordinal);
    }

    public void Dispose() => core.Dispose();
}
