using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Storage;

public static class TableEntityUpdates
{
    // Each round of contention lets one writer through, so n concurrent writers need at most n attempts.
    private const int MaxAttempts = 100;

    /// <summary>
    /// Read, change and write back one entity under its ETag, retrying when another writer got there first,
    /// so no update is ever lost. <paramref name="change"/> returns false to leave the entity as it is. The entity
    /// returned carries the ETag it has now.
    /// </summary>
    public static async Task<T?> UpdateAsync<T>(
        this TableClient table, string partitionKey, string rowKey, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
            if (!response.HasValue || response.Value is null)
            {
                return null;
            }

            var entity = response.Value;
            if (!change(entity))
            {
                return entity;
            }

            try
            {
                var written = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                entity.ETag = written.Headers.ETag ?? entity.ETag;
                return entity;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxAttempts)
            {
                // Someone else changed it since we read it: read again and re-apply.
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null; // someone else deleted it since we read it (a token revoked while in use): as if it was never there
            }
        }
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
