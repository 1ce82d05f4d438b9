using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace CrewBuilder.Tests.Support;

/// <summary>Everything the shared Azurite holds — every table row, blob and queued message — as text, for tests that prove a secret is not there.</summary>
public static class StorageDump
{
    public static async Task<string> AllTextAsync()
    {
        var connection = AzuriteServer.Instance.ConnectionString;
        var text = new StringBuilder();
        await foreach (var table in new TableServiceClient(connection).QueryAsync())
        {
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
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
            {
                text.AppendLine(Encoding.UTF8.GetString((await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray()));
            }
        }

        await foreach (var queue in new QueueServiceClient(connection).GetQueuesAsync())
        {
            foreach (var message in (await new QueueClient(connection, queue.Name).PeekMessagesAsync(32)).Value)
            {
                text.AppendLine(message.Body.ToString());
            }
        }

        return text.ToString();
    }
}
