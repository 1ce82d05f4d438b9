using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Keys;

public enum KeyStatus { Untested, Connected, Invalid }

/// <summary>What anyone may see of a saved key: never the key.</summary>
public sealed record SavedKeyInfo(
    string Provider, string Masked, KeyStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? LastTestedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RotatedAt);

/// <summary>
/// A tenant's saved provider keys, one row per provider, the key only as ciphertext under the tenant's data key — or,
/// for an organisation that brings its own vault (Azure Key Vault or HashiCorp Vault), as a secret there, the row holding only what may be seen.
/// Saving again replaces the key under the same key id (and notes the rotation); removing deletes the row.
/// </summary>
public sealed class SavedKeys(
    StorageClients storage, ProviderKeyCipher cipher, Organisations.OrganisationStore organisations, Organisations.OrgVaults vaults, TimeProvider time)
{
    public const string TableName = "providerkeys";

    private readonly SharedReads<IReadOnlyList<SavedKeyInfo>> lists = new();

    /// <summary>All a reveal reads of a row: a smaller answer is a faster one on the path of every generation.</summary>
    private static readonly string[] SecretColumns = ["PartitionKey", "RowKey", "KeyId", "Ciphertext", "InVault"];

    /// <summary>Saves a key as untested, or as connected when the provider accepted it at <paramref name="connectedAt"/>.</summary>
    public async Task<SavedKeyInfo> SaveAsync(
        string tenantId, string provider, string key, CancellationToken cancellationToken, DateTimeOffset? connectedAt = null)
    {
        var table = await TableAsync(cancellationToken);
        var now = time.GetUtcNow();
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, provider, cancellationToken: cancellationToken);
        var keyId = existing.HasValue ? existing.Value!.GetString("KeyId")! : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var entity = new TableEntity(tenantId, provider)
        {
            ["KeyId"] = keyId,
            ["Masked"] = Providers.Mask(key),
            ["Status"] = connectedAt is null ? nameof(KeyStatus.Untested) : nameof(KeyStatus.Connected),
            ["LastTestedAt"] = connectedAt,
            ["CreatedAt"] = existing.HasValue ? existing.Value!.GetDateTimeOffset("CreatedAt") : now,
            ["RotatedAt"] = existing.HasValue ? now : null,
        };
        await StoreSecretAsync(entity, key, cancellationToken);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return ToInfo(entity);
    }

    /// <summary>
    /// Moves every stored key of a tenant to where its organisation now keeps them (its own vault, or CrewBuilder's
    /// storage), keeping what may be seen of each; <paramref name="from"/> is where they were.
    /// </summary>
    public async Task MoveAsync(string tenantId, Organisations.OrgVaultLocation? from, CancellationToken cancellationToken)
    {
        var previous = from is null ? null : vaults.Open(tenantId, from);
        var table = await TableAsync(cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == tenantId, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        foreach (var entity in rows)
        {
            var key = await RevealFromAsync(entity, previous, cancellationToken);
            entity.Remove("Ciphertext");
            entity.Remove("InVault");
            await StoreSecretAsync(entity, key, cancellationToken);
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            if (previous is not null)
            {
                await previous.DeleteAsync(entity.RowKey, cancellationToken);
            }
        }
    }

    /// <summary>Puts the key where the tenant keeps keys: its organisation's vault, else as ciphertext in the row.</summary>
    private async Task StoreSecretAsync(TableEntity entity, string key, CancellationToken cancellationToken)
    {
        if (await VaultOfAsync(entity.PartitionKey, cancellationToken) is { } vault)
        {
            await vault.SetAsync(entity.RowKey, key, cancellationToken);
            entity["InVault"] = true;
        }
        else
        {
            entity["Ciphertext"] = await cipher.EncryptAsync(entity.PartitionKey, entity.RowKey, entity.GetString("KeyId")!, key, cancellationToken);
        }
    }

    private async Task<string> RevealFromAsync(TableEntity entity, Organisations.IOrgSecretVault? vault, CancellationToken cancellationToken) =>
        entity.GetBoolean("InVault") == true && vault is not null
            ? await vault.GetAsync(entity.RowKey, cancellationToken) ?? throw new InvalidOperationException($"Key {entity.RowKey} is missing from the organisation's vault.")
            : await cipher.DecryptAsync(entity.PartitionKey, entity.RowKey, entity.GetString("KeyId")!, entity.GetString("Ciphertext")!, cancellationToken);

    private async Task<Organisations.IOrgSecretVault?> VaultOfAsync(string tenantId, CancellationToken cancellationToken) =>
        tenantId.StartsWith('o') && (await organisations.FindAsync(tenantId, cancellationToken))?.Vault is { } vault ? vaults.Open(tenantId, vault) : null;

    /// <summary>The tenant's saved keys (not the secrets); requests arriving together share one read (<see cref="SharedReads{T}"/>).</summary>
    public Task<IReadOnlyList<SavedKeyInfo>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        lists.ReadAsync(tenantId, async () =>
        {
            var table = await TableAsync(CancellationToken.None);
            var keys = new List<SavedKeyInfo>();
            await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == tenantId))
            {
                if (!StagedKeys.IsStaged(entity.RowKey))
                {
                    keys.Add(ToInfo(entity));
                }
            }

            return keys.AsReadOnly();
        }, cancellationToken);

    /// <summary>Deletes the ciphertext at once; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string tenantId, string provider, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        if (!(await table.GetEntityIfExistsAsync<TableEntity>(tenantId, provider, ["RowKey"], cancellationToken)).HasValue)
        {
            return false;
        }

        if (await VaultOfAsync(tenantId, cancellationToken) is { } vault)
        {
            await vault.DeleteAsync(provider, cancellationToken);
        }

        await table.DeleteEntityAsync(tenantId, provider, ETag.All, cancellationToken);
        return true;
    }

    /// <summary>Deletes every stored key of a tenant, staged ones included (the tenant is going away).</summary>
    public async Task DeleteAllAsync(string tenantId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var slots = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == tenantId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            slots.Add(entity.RowKey);
        }

        foreach (var slot in slots)
        {
            await DeleteAsync(tenantId, slot, cancellationToken);
        }
    }

    /// <summary>Notes a test of the saved key: its status follows what the provider said, unless it could not be reached.</summary>
    public async Task<SavedKeyInfo?> RecordTestAsync(string tenantId, string provider, KeyTestOutcome outcome, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var updated = await table.UpdateAsync<TableEntity>(tenantId, provider, entity =>
        {
            entity["LastTestedAt"] = time.GetUtcNow();
            if (outcome != KeyTestOutcome.Unreachable)
            {
                entity["Status"] = (outcome == KeyTestOutcome.Connected ? KeyStatus.Connected : KeyStatus.Invalid).ToString();
            }

            return true;
        }, cancellationToken);
        return updated is null ? null : ToInfo(updated);
    }

    /// <summary>Notes that a generation used the saved key (at most once a minute is worth a write).</summary>
    public async Task RecordUseAsync(string tenantId, string provider, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var now = time.GetUtcNow();
        await table.UpdateAsync<TableEntity>(tenantId, provider, entity =>
        {
            if (entity.GetDateTimeOffset("LastUsedAt") is { } last && now - last < TimeSpan.FromMinutes(1))
            {
                return false;
            }

            entity["LastUsedAt"] = now;
            return true;
        }, cancellationToken);
    }

    /// <summary>What may be seen of one stored key (including a staged one), or null.</summary>
    public async Task<SavedKeyInfo?> FindAsync(string tenantId, string slot, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, slot, cancellationToken: cancellationToken);
        return entity.HasValue ? ToInfo(entity.Value!) : null;
    }

    /// <summary>The saved key itself, for the one activity that calls the provider; null when none is saved.</summary>
    public async Task<string?> RevealAsync(string tenantId, string provider, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, provider, SecretColumns, cancellationToken);
        if (!entity.HasValue)
        {
            return null;
        }

        return await RevealFromAsync(entity.Value!, entity.Value!.GetBoolean("InVault") == true ? await VaultOfAsync(tenantId, cancellationToken) : null, cancellationToken);
    }

    private static SavedKeyInfo ToInfo(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Masked") ?? "…",
        Enum.Parse<KeyStatus>(entity.GetString("Status") ?? nameof(KeyStatus.Untested)),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("LastTestedAt"),
        entity.GetDateTimeOffset("LastUsedAt"),
        entity.GetDateTimeOffset("RotatedAt"));

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
