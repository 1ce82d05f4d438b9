using System.Globalization;
using System.Security.Cryptography;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// Proof that the provider accepted a key a person tested before saving it, so saving that key records it as connected
/// without calling the provider again. A receipt is sealed with the tenant's data key and names the key only by its hash;
/// only this server can make one, and it holds for one tenant, one provider, one key and one hour.
/// </summary>
public sealed class KeyTestReceipts(ProviderKeyCipher cipher, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string Purpose = "test-receipt";

    public Task<string> IssueAsync(string tenantId, string provider, string key, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(tenantId, provider, Purpose, $"{SecretTokens.Hash(key)}\n{time.GetUtcNow().ToUnixTimeSeconds()}", cancellationToken);

    /// <summary>When the provider accepted <paramref name="key"/>; null when the receipt is not one of this key, or too old.</summary>
    public async Task<DateTimeOffset?> ConnectedAtAsync(string tenantId, string provider, string key, string receipt, CancellationToken cancellationToken)
    {
        string sealedText;
        try
        {
            sealedText = await cipher.DecryptAsync(tenantId, provider, Purpose, receipt, cancellationToken);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = sealedText.Split('\n');
        if (parts.Length != 2 || !SecretTokens.HashesEqual(parts[0], SecretTokens.Hash(key))
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var testedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var age = time.GetUtcNow() - testedAt;
        return age >= TimeSpan.Zero && age <= Lifetime ? testedAt : null;
    }
}
