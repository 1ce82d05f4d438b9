using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Storage;

public static class TableEntityUpdates
{
    // Each round of contention lets one writer through, so n concurrent writers need at most n attempts.
    private const int MaxAttempts = 100;

    /// <summary>
    /// Read, change and write back one entity under its ETag, retrying when another writer got there first,
    /// so no update is ever lost. <paramref name="change"/> returns false to leave the entity as it is.
    /// Null when there is no such entity.
    /// </summary>
    public static Task<T?> UpdateAsync<T>(
        this TableClient table, string partitionKey, string rowKey, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, ITableEntity, new() =>
        table.UpdateAsync(partitionKey, rowKey, known: null, change, cancellationToken);

    /// <summary>
    /// The same, first trying the change on <paramref name="known"/> (the entity as this caller last wrote it, which it
    /// gives up) instead of reading: when nobody wrote since, one round trip instead of two. Anything else (a newer
    /// ETag, or a change that would leave the entity as it is) is decided on what storage holds, as without it.
    /// </summary>
    public static async Task<T?> UpdateAsync<T>(
        this TableClient table, string partitionKey, string rowKey, T? known, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        for (var attempt = 1; ; attempt++)
        {
            var remembered = known is not null;
            var entity = known ?? await ReadAsync<T>(table, partitionKey, rowKey, cancellationToken);
            known = null;
            if (entity is null)
            {
                return null;
            }

            if (!change(entity))
            {
                if (remembered)
                {
                    continue;
                }

                return entity;
            }

            try
            {
                var written = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                entity.ETag = written.Headers.ETag ?? default;
                return entity;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxAttempts)
            {
                // Someone else changed it since we read it: read again and re-apply.
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }
    }

    private static async Task<T?> ReadAsync<T>(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Deletes every row of one partition (a tenant's or an organisation's data going away).</summary>
    public static async Task DeletePartitionAsync(this TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
        }
    }
}
