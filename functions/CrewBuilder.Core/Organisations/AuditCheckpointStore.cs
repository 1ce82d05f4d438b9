using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>The latest checkpoint CrewBuilder signed for an organisation (null before the first), and the blobs it found that it did not sign.</summary>
public sealed record AuditAnchor(AuditCheckpoint? Checkpoint, IReadOnlyList<AuditFinding> Forged);

/// <summary>
/// Signed audit checkpoints, one blob each, in a container that production keeps under a time-based immutability
/// policy (WORM, see infra/modules/storage.bicep): once written, a checkpoint can be neither changed nor deleted, so
/// the entries it counts cannot be cut off or rewritten unseen. Blob names sort the highest sequence first.
/// </summary>
public sealed class AuditCheckpointStore(StorageClients storage, AuditCheckpointSigner signer)
{
    public const string ContainerName = "auditcheckpoints";

    /// <summary>How many toSign blobs are looked past before giving up on finding a signed checkpoint.</summary>
    private const int MostBlobsRead = 20;

    /// <summary>Signs the checkpoint, names the key version in it, writes it once, and returns it as signed.</summary>
    public async Task<AuditCheckpoint> WriteAsync(AuditCheckpoint toSign, CancellationToken cancellationToken)
    {
        var checkpoint = toSign;
        var (payload, signature) = await signer.SignAsync(
            version => JsonSerializer.SerializeToUtf8Bytes(checkpoint = toSign with { SigningKeyVersion = version }, Json), cancellationToken);
        var blob = (await ContainerAsync(cancellationToken)).GetBlobClient(
            $"{toSign.OrgId}/{(long.MaxValue - toSign.Sequence).ToString("D19", CultureInfo.InvariantCulture)}-{TimeOrderedId.New(toSign.Time)}.json");
        var signed = JsonSerializer.SerializeToUtf8Bytes(new SignedCheckpoint(Convert.ToBase64String(payload), Convert.ToBase64String(signature)), Json);
        await blob.UploadAsync(new BinaryData(signed), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        return checkpoint;
    }

    public async Task<AuditAnchor> LatestAsync(string orgId, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken);
        var forged = new List<AuditFinding>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = orgId + "/" }, cancellationToken))
        {
            if (forged.Count == MostBlobsRead)
            {
                break;
            }

            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            if (await SignedAsync(orgId, content.Value.Content, cancellationToken) is { } checkpoint)
            {
                return new AuditAnchor(checkpoint, forged);
            }

            forged.Add(new(AuditFindingKind.ForgedCheckpoint, 0, $"The checkpoint {item.Name} is not signed by CrewBuilder: it was written by someone else."));
        }

        return new AuditAnchor(null, forged);
    }

    private async Task<AuditCheckpoint?> SignedAsync(string orgId, BinaryData content, CancellationToken cancellationToken)
    {
        try
        {
            if (content.ToObjectFromJson<SignedCheckpoint>(Json) is not { Checkpoint: not null, Signature: not null } signed)
            {
                return null;
            }

            var payload = Convert.FromBase64String(signed.Checkpoint);
            var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(payload, Json);
            return checkpoint is not null && checkpoint.OrgId == orgId
                && await signer.VerifyAsync(payload, Convert.FromBase64String(signed.Signature), checkpoint.SigningKeyVersion, cancellationToken) ? checkpoint : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return null;
        }
    }

    private Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken) => storage.ContainerAsync(ContainerName, cancellationToken);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record SignedCheckpoint(string Checkpoint, string Signature);
}
