using Azure.Data.Tables;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Storage;

public sealed class TableEntityUpdatesTests
{
    [Fact]
    public async Task Concurrent_updates_under_etags_lose_nothing()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("counter"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("tenant", "counter") { ["Count"] = 0 });

        const int writers = 24;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
            table.UpdateAsync<TableEntity>("tenant", "counter", entity =>
            {
                entity["Count"] = (int)entity["Count"] + 1;
                return true;
            }, CancellationToken.None))));

        var final = await table.GetEntityAsync<TableEntity>("tenant", "counter");
        Assert.Equal(writers, (int)final.Value["Count"]);
        await table.DeleteAsync();
    }

    [Fact]
    public async Task Updating_a_missing_entity_returns_null_and_creates_nothing()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("missing"));
        await table.CreateAsync();

        var result = await table.UpdateAsync<TableEntity>("tenant", "nobody", _ => true, CancellationToken.None);

        Assert.Null(result);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("tenant", "nobody")).HasValue);
        await table.DeleteAsync();
    }

    [Fact]
    public async Task Updating_an_entity_deleted_after_it_was_read_returns_null_and_brings_nothing_back()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("deleted"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("tenant", "token") { ["LastUsedAt"] = DateTimeOffset.UnixEpoch });

        var result = await table.UpdateAsync<TableEntity>("tenant", "token", entity =>
        {
            table.DeleteEntity("tenant", "token"); // a revocation landing between the read and the write
            entity["LastUsedAt"] = DateTimeOffset.UtcNow;
            return true;
        }, CancellationToken.None);

        Assert.Null(result);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("tenant", "token")).HasValue);
        await table.DeleteAsync();
    }
}
