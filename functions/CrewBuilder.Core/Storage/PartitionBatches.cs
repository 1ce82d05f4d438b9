using System.Runtime.ExceptionServices;
using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// New rows for one partition of one table asked for at once go as one entity group transaction instead of a request
/// each: the generations one payer starts together, say. Should the transaction fail (a row exists already), each row
/// is added alone, so every caller learns its own outcome, as if it had written alone.
/// </summary>
public sealed class PartitionBatches(int maxRows)
{
    private readonly CoalescingRounds<(TableClient Table, ITableEntity Row), Exception?> rounds = new(AddTogetherAsync, maxRows);

    /// <summary>Adds one row; not cancellable, as it may go in one transaction with other callers' rows.</summary>
    public async Task AddAsync(TableClient table, ITableEntity row)
    {
        if (await rounds.RunAsync($"{table.Uri}\n{row.PartitionKey}", (table, row)) is { } failed)
        {
            ExceptionDispatchInfo.Throw(failed);
        }
    }

    private static async Task<IReadOnlyList<Exception?>> AddTogetherAsync(string partition, IReadOnlyList<(TableClient Table, ITableEntity Row)> adds)
    {
        if (adds.Count > 1)
        {
            try
            {
                await adds[0].Table.SubmitTransactionAsync(adds.Select(add => new TableTransactionAction(TableTransactionActionType.Add, add.Row)));
                return new Exception?[adds.Count];
            }
            catch (RequestFailedException)
            {
                // A row exists, or the rows are too many bytes together: the transaction wrote nothing, and each row is
                // added alone below.
            }
        }

        return await Task.WhenAll(adds.Select(add => AloneAsync(add.Table, add.Row)));
    }

    private static async Task<Exception?> AloneAsync(TableClient table, ITableEntity row)
    {
        try
        {
            await table.AddEntityAsync(row);
            return null;
        }
        catch (RequestFailedException e)
        {
            return e;
        }
    }
}
