using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// Hands out table and container clients, creating each table or container the first time it is asked for.
/// A failed creation is forgotten, so storage that comes up after the app does is picked up on the next call.
/// </summary>
public sealed class StorageClients(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> created = new();

    public async Task<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        var client = tables.GetTableClient(options.Value.TableName(name));
        await EnsureAsync($"table:{client.Name}", () => client.CreateIfNotExistsAsync(cancellationToken));
        return client;
    }

    public async Task<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        var client = blobs.GetBlobContainerClient(options.Value.ContainerName(name));
        await EnsureAsync($"container:{client.Name}", () => client.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        return client;
    }

    private async Task EnsureAsync(string key, Func<Task> create)
    {
        var creation = created.GetOrAdd(key, _ => new Lazy<Task>(create));
        try
        {
            await creation.Value;
        }
        catch
        {
            created.TryRemove(KeyValuePair.Create(key, creation));
            throw;
        }
    }
}
