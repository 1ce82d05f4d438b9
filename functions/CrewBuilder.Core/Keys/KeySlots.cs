using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// Short-lived slots for per-generation keys: the key encrypted (bound to its generation), kept only while the
/// generation runs and deleted when it ends; a janitor deletes slots whose generation never ended.
/// </summary>
public sealed class KeySlots(StorageClients storage, ProviderKeyCipher cipher, TimeProvider time)
{
    public const string TableName = "keyslots";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    private const string SlotTenant = "key-slots";
    private const string Row = "key";

    public async Task StoreAsync(string generationId, string provider, string key, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.AddEntityAsync(new TableEntity(generationId, Row)
        {
            ["Ciphertext"] = await cipher.EncryptAsync(SlotTenant, provider, generationId, key, cancellationToken),
            ["Provider"] = provider,
            ["ExpiresAt"] = time.GetUtcNow() + Lifetime,
        }, cancellationToken);
    }

    public async Task<string?> RevealAsync(string generationId, string provider, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var slot = await table.GetEntityIfExistsAsync<TableEntity>(generationId, Row, cancellationToken: cancellationToken);
        return slot.HasValue && slot.Value!.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow()
            ? await cipher.DecryptAsync(SlotTenant, provider, generationId, slot.Value.GetString("Ciphertext")!, cancellationToken)
            : null;
    }

    public async Task DeleteAsync(string generationId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(generationId, Row, ETag.All, cancellationToken); // succeeds when already gone
    }

    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var swept = 0;
        await foreach (var slot in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {time.GetUtcNow()}"), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(slot.PartitionKey, Row, ETag.All, cancellationToken);
            swept++;
        }

        return swept;
    }
}
