using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// Everything one app wrote to the shared Azurite — every table row, blob and queued message whose table, container or
/// queue name starts with its storage prefix or task hub — as text, for tests that prove a secret is not there.
/// </summary>
public static class StorageDump
{
    public static async Task<string> AllTextAsync(SelfHostFactory app)
    {
        bool Ours(string name) =>
            name.StartsWith(app.StoragePrefix, StringComparison.OrdinalIgnoreCase) || name.StartsWith(app.TaskHub, StringComparison.OrdinalIgnoreCase);

        var connection = AzuriteServer.Instance.ConnectionString;
        var text = new StringBuilder();
        await foreach (var table in new TableServiceClient(connection).QueryAsync())
        {
            if (!Ours(table.Name))
            {
                continue;
            }

            await foreach (var entity in new TableClient(connection, table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (_, value) in entity)
                {
                    text.AppendLine(value is byte[] bytes ? Convert.ToBase64String(bytes) + "\n" + Encoding.UTF8.GetString(bytes) : value?.ToString());
                }
            }
        }

        var blobs = new BlobServiceClient(connection);
        await foreach (var container in blobs.GetBlobContainersAsync(BlobContainerTraits.None, BlobContainerStates.None, null, CancellationToken.None))
        {
            if (!Ours(container.Name))
            {
                continue;
            }

            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
            {
                text.AppendLine(Encoding.UTF8.GetString((await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray()));
            }
        }

        await foreach (var queue in new QueueServiceClient(connection).GetQueuesAsync())
        {
            if (!Ours(queue.Name))
            {
                continue;
            }

            foreach (var message in (await new QueueClient(connection, queue.Name).PeekMessagesAsync(32)).Value)
            {
                text.AppendLine(message.Body.ToString());
            }
        }

        return text.ToString();
    }
}
