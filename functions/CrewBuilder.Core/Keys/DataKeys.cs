using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// One data-encryption key (DEK) per tenant, stored only wrapped (AES-256-GCM) by a version of the
/// key-encryption key. Deleting a tenant's DEK crypto-shreds everything encrypted with it.
/// An unwrapped DEK is kept in memory for <see cref="CacheDuration"/>, so a busy tenant costs no storage read
/// per decryption; a shred forgets it here at once and on other instances within that time.
/// </summary>
public sealed class DataKeys(StorageClients storage, KeyEncryptionKeys keks, TimeProvider time)
{
    public const string TableName = "datakeys";
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);
    private const string Row = "dek";

    private readonly ConcurrentDictionary<string, (ETag ETag, byte[] Key, DateTimeOffset CachedUntil)> unwrapped = new();

    /// <summary>The tenant's DEK, or null when it has none (never had one, or it was shredded).</summary>
    public async Task<byte[]?> ExistingForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (unwrapped.TryGetValue(tenantId, out var cached) && cached.CachedUntil > time.GetUtcNow())
        {
            return cached.Key;
        }

        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, Row, cancellationToken: cancellationToken);
        return entity.HasValue ? await UnwrapAsync(entity.Value!, cancellationToken) : null;
    }

    /// <summary>The tenant's DEK, created (and wrapped with the latest KEK) on first use.</summary>
    public async Task<byte[]> ForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (await ExistingForTenantAsync(tenantId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var table = await TableAsync(cancellationToken);
        var kek = await keks.LatestAsync(cancellationToken);
        var dek = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var created = new TableEntity(tenantId, Row) { ["Wrapped"] = AesGcmEnvelope.Seal(kek.Key, dek, Binding(tenantId)), ["KekVersion"] = kek.Version };
        try
        {
            await table.AddEntityAsync(created, cancellationToken);
            return dek;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another request created the tenant's key first: use that one.
            return await ForTenantAsync(tenantId, cancellationToken);
        }
    }

    /// <summary>Deletes the tenant's DEK: what was encrypted with it can never be read again.</summary>
    public async Task ShredAsync(string tenantId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        unwrapped.TryRemove(tenantId, out _);
        await table.DeleteEntityAsync(tenantId, Row, ETag.All, cancellationToken); // succeeds when there is none
    }

    /// <summary>
    /// Re-wraps every DEK not yet wrapped with <paramref name="kek"/>; the DEKs themselves do not change, so no
    /// ciphertext is touched. Each row is replaced under its ETag, so a concurrent shred or re-wrap is never undone.
    /// </summary>
    public async Task<int> RewrapAllAsync(KeyEncryptionKey kek, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var rewrapped = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == Row, cancellationToken: cancellationToken))
        {
            if (entity.GetString("KekVersion") == kek.Version)
            {
                continue;
            }

            var dek = await UnwrapAsync(entity, cancellationToken);
            entity["Wrapped"] = AesGcmEnvelope.Seal(kek.Key, dek, Binding(entity.PartitionKey));
            entity["KekVersion"] = kek.Version;
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                rewrapped++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Shredded or changed meanwhile: nothing to re-wrap here.
            }
        }

        return rewrapped;
    }

    private async Task<byte[]> UnwrapAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (unwrapped.TryGetValue(entity.PartitionKey, out var cached) && cached.ETag == entity.ETag)
        {
            unwrapped[entity.PartitionKey] = cached with { CachedUntil = time.GetUtcNow() + CacheDuration };
            return cached.Key;
        }

        var kek = await keks.VersionAsync(entity.GetString("KekVersion")!, cancellationToken);
        var dek = AesGcmEnvelope.Open(kek.Key, entity.GetBinary("Wrapped"), Binding(entity.PartitionKey));
        unwrapped[entity.PartitionKey] = (entity.ETag, dek, time.GetUtcNow() + CacheDuration);
        return dek;
    }

    /// <summary>A wrapped DEK opens only as the key of the tenant it was made for.</summary>
    private static byte[] Binding(string tenantId) => Encoding.UTF8.GetBytes($"crewbuilder-dek\n{tenantId}");

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
