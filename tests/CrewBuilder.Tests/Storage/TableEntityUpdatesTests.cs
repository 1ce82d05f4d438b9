using Azure.Core;
using Azure.Core.Pipeline;
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
    public async Task An_update_from_the_entity_last_written_is_one_request_when_nobody_wrote_since()
    {
        var requests = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("known"), options);
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("tenant", "counter") { ["Count"] = 0 });
        var first = await table.UpdateAsync<TableEntity>("tenant", "counter", Increment, CancellationToken.None);
        var before = requests.Count;

        var second = await table.UpdateAsync("tenant", "counter", first, Increment, CancellationToken.None);

        Assert.Equal(1, requests.Count - before);
        Assert.Equal(2, (int)(await table.GetEntityAsync<TableEntity>("tenant", "counter")).Value["Count"]);
        Assert.Equal((await table.GetEntityAsync<TableEntity>("tenant", "counter")).Value.ETag, second!.ETag);
        await table.DeleteAsync();
    }

    [Fact]
    public async Task An_update_from_an_entity_someone_else_changed_since_applies_to_what_storage_holds()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("stale"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("tenant", "counter") { ["Count"] = 0 });
        var mine = await table.UpdateAsync<TableEntity>("tenant", "counter", Increment, CancellationToken.None);
        await table.UpdateAsync<TableEntity>("tenant", "counter", Increment, CancellationToken.None); // another writer

        await table.UpdateAsync("tenant", "counter", mine, Increment, CancellationToken.None);

        Assert.Equal(3, (int)(await table.GetEntityAsync<TableEntity>("tenant", "counter")).Value["Count"]);
        await table.DeleteAsync();
    }

    [Fact]
    public async Task A_change_the_remembered_entity_would_refuse_is_decided_on_what_storage_holds()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("refuse"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("tenant", "row") { ["Open"] = false });
        var mine = (await table.GetEntityAsync<TableEntity>("tenant", "row")).Value;
        await table.UpdateAsync<TableEntity>("tenant", "row", entity => { entity["Open"] = true; return true; }, CancellationToken.None);

        var updated = await table.UpdateAsync("tenant", "row", mine, entity =>
        {
            if (entity.GetBoolean("Open") != true)
            {
                return false;
            }

            entity["Seen"] = true;
            return true;
        }, CancellationToken.None);

        Assert.True(updated!.GetBoolean("Seen"));
        Assert.True((await table.GetEntityAsync<TableEntity>("tenant", "row")).Value.GetBoolean("Seen"));
        await table.DeleteAsync();
    }

    [Fact]
    public async Task An_update_from_an_entity_since_deleted_returns_null_and_creates_nothing()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, AzuriteServer.UniqueName("gone"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("tenant", "counter") { ["Count"] = 0 });
        var mine = (await table.GetEntityAsync<TableEntity>("tenant", "counter")).Value;
        await table.DeleteEntityAsync("tenant", "counter");

        Assert.Null(await table.UpdateAsync("tenant", "counter", mine, Increment, CancellationToken.None));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("tenant", "counter")).HasValue);
        await table.DeleteAsync();
    }

    private static bool Increment(TableEntity entity)
    {
        entity["Count"] = (int)entity["Count"] + 1;
        return true;
    }

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => count;

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
