using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// How to reach the storage account, read from <c>AzureWebJobsStorage</c> the way the Functions host reads it:
/// a connection string, or <c>AzureWebJobsStorage__accountName</c> (or service URIs) with managed identity.
/// </summary>
public sealed class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? connectionString;
    private readonly Uri? tableUri;
    private readonly Uri? blobUri;
    private readonly TokenCredential? credential;

    private StorageConnection(string? connectionString, Uri? tableUri, Uri? blobUri, TokenCredential? credential)
    {
        this.connectionString = connectionString;
        this.tableUri = tableUri;
        this.blobUri = blobUri;
        this.credential = credential;
    }

    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        if (configuration[SettingName] is { Length: > 0 } connectionString)
        {
            return new StorageConnection(connectionString, null, null, null);
        }

        var section = configuration.GetSection(SettingName);
        var account = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var blobUri = section["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        if (tableUri is null || blobUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} to a connection string, or {SettingName}__accountName for managed identity.");
        }

        var credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : (TokenCredential)new DefaultAzureCredential();
        return new StorageConnection(null, new Uri(tableUri), new Uri(blobUri), credential);
    }

    public TableServiceClient CreateTableServiceClient() =>
        connectionString is not null ? new TableServiceClient(connectionString) : new TableServiceClient(tableUri, credential);

    public BlobServiceClient CreateBlobServiceClient() =>
        connectionString is not null ? new BlobServiceClient(connectionString) : new BlobServiceClient(blobUri, credential);
}
