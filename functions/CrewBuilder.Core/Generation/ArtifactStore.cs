using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Generation;

/// <summary>Generated project zips in Blob Storage, one prefix per tenant.</summary>
public sealed class ArtifactStore(StorageClients storage)
{
    public const string ContainerName = "artifacts";

    public static string BlobName(GenerationRef generation) => $"{generation.TenantId}/{generation.GenerationId}.zip";

    /// <summary>Writes the zip; writing the same generation again replaces it, so a retried step is harmless.</summary>
    public async Task SaveAsync(string blobName, byte[] zip, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(ContainerName, cancellationToken);
        await container.GetBlobClient(blobName).UploadAsync(
            new BinaryData(zip),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" } },
            cancellationToken);
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(ContainerName, cancellationToken);
        await container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<Stream> OpenAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(ContainerName, cancellationToken);
        return await container.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);
    }
}
