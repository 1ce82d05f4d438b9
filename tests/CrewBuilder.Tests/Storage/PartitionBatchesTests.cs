using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Storage;

public sealed class PartitionBatchesTests
{
    private readonly RequestCounter requests = new();
    private readonly TableClient table;

    public PartitionBatchesTests()
    {
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("batch"), options);
        table.CreateIfNotExists();
        requests.Count = 0;
    }

    [Fact]
    public async Task Rows_added_to_one_partition_at_once_are_all_written_in_fewer_requests_than_rows()
    {
        var batches = new PartitionBatches(maxRows: 100);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => batches.AddAsync(table, Row("tenant", $"row-{i:D2}"))));

        Assert.Equal(30, await CountAsync("tenant"));
        Assert.InRange(requests.Count, 1, 29);
    }

    [Fact]
    public async Task A_row_that_exists_fails_only_its_own_caller_and_the_others_are_written()
    {
        var batches = new PartitionBatches(maxRows: 100);
        await table.AddEntityAsync(new TableEntity("tenant", "row-07"));

        var writes = Enumerable.Range(0, 12).Select(i => batches.AddAsync(table, Row("tenant", $"row-{i:D2}"))).ToList();
        await Task.WhenAll(writes.Select(write => write.ContinueWith(_ => { })));

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => writes[7]);
        Assert.Equal(409, conflict.Status);
        Assert.All(writes.Where((_, i) => i != 7), write => Assert.True(write.IsCompletedSuccessfully));
        Assert.Equal(12, await CountAsync("tenant"));
    }

    [Fact]
    public async Task Rows_of_different_partitions_are_never_put_in_one_transaction()
    {
        var batches = new PartitionBatches(maxRows: 100);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => batches.AddAsync(table, Row($"tenant-{i % 4}", $"row-{i:D2}"))));

        foreach (var partition in Enumerable.Range(0, 4))
        {
            Assert.Equal(5, await CountAsync($"tenant-{partition}"));
        }
    }

    private static TableEntity Row(string partition, string row) => new(partition, row);

    private async Task<int> CountAsync(string partition)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == partition))
        {
            count++;
        }

        return count;
    }

    /// <summary>Counts the requests the table client sends.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count
        {
            get => Volatile.Read(ref count);
            set => Volatile.Write(ref count, value);
        }

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
