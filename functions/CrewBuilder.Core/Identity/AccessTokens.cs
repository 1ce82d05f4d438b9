using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Identity;

/// <summary>
/// The access tokens (<c>cbg_…</c>) of what is made without an account: a generation, a clarification chat. Only the
/// hash is kept, so a presented token can be told from a forged one when the request is authenticated, before any
/// endpoint sees it.
/// </summary>
public sealed class AccessTokens(StorageClients storage, TimeProvider time)
{
    public const string TableName = "accesstokens";
    private const string Partition = "cbg";
    private static readonly string[] KeyOnly = ["PartitionKey"];

    /// <summary>A new token, already registered; shown once to its holder.</summary>
    public async Task<string> IssueAsync(CancellationToken cancellationToken)
    {
        var token = SecretTokens.New(SecretTokens.GenerationTokenPrefix);
        var row = new TableEntity(Partition, SecretTokens.Hash(token)) { ["IssuedAt"] = time.GetUtcNow() };
        await (await TableAsync(cancellationToken)).AddEntityAsync(row, cancellationToken);
        return token;
    }

    public async Task<bool> WasIssuedAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var row = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<TableEntity>(Partition, tokenHash, KeyOnly, cancellationToken);
        return row.HasValue;
    }

    /// <summary>Forgets the tokens issued before <paramref name="cutoff"/>, when what they opened is swept too.</summary>
    public async Task<int> ForgetIssuedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and IssuedAt lt {cutoff}");
        var doomed = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: KeyOnly, cancellationToken: cancellationToken))
        {
            doomed.Add(row.RowKey);
        }

        foreach (var rowKey in doomed)
        {
            await table.DeleteEntityAsync(Partition, rowKey, cancellationToken: cancellationToken);
        }

        return doomed.Count;
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
