using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Keys;

public enum EnvelopeError { None, Malformed, UnknownKey, Stale, Replayed }

/// <summary>The outcome of opening a browser-encrypted key: the key, or why it was refused (never echoing it).</summary>
public sealed record OpenedEnvelope(string? Key, EnvelopeError Error);

/// <summary>
/// Opens the compact JWE (alg RSA-OAEP-256, enc A256GCM) the browser sends a provider key in. Its payload is
/// <c>{ "key", "nonce", "iat" }</c>: a payload older than five minutes, from the future, or whose nonce was seen
/// before is refused, so a captured request cannot be replayed.
/// </summary>
public sealed class KeyEnvelope(TransportKeys transportKeys, StorageClients storage, TimeProvider time)
{
    public const string NonceTableName = "transportnonces";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public async Task<OpenedEnvelope> OpenAsync(string compactJwe, CancellationToken cancellationToken)
    {
        var parts = compactJwe.Split('.');
        if (parts.Length != 5)
        {
            return new(null, EnvelopeError.Malformed);
        }

        var (rsa, jwk) = await transportKeys.LoadAsync(cancellationToken);
        Payload? payload;
        try
        {
            using var header = JsonDocument.Parse(SecretTokens.FromBase64Url(parts[0]));
            var root = header.RootElement;
            if (Text(root, "alg") != "RSA-OAEP-256" || Text(root, "enc") != "A256GCM")
            {
                return new(null, EnvelopeError.Malformed);
            }

            if (Text(root, "kid") is { } kid && kid != jwk.Kid)
            {
                return new(null, EnvelopeError.UnknownKey);
            }

            var contentKey = rsa.Decrypt(SecretTokens.FromBase64Url(parts[1]), RSAEncryptionPadding.OaepSHA256);
            var iv = SecretTokens.FromBase64Url(parts[2]);
            var ciphertext = SecretTokens.FromBase64Url(parts[3]);
            var tag = SecretTokens.FromBase64Url(parts[4]);
            var plaintext = new byte[ciphertext.Length];
            using (var aes = new AesGcm(contentKey, tag.Length))
            {
                aes.Decrypt(iv, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(parts[0]));
            }

            payload = JsonSerializer.Deserialize<Payload>(plaintext, JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException or ArgumentException)
        {
            return new(null, EnvelopeError.Malformed);
        }

        if (payload is not { Key.Length: > 0, Nonce.Length: >= 16 })
        {
            return new(null, EnvelopeError.Malformed);
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(payload.Iat);
        var now = time.GetUtcNow();
        if (issuedAt < now - MaxAge || issuedAt > now + ClockSkew)
        {
            return new(null, EnvelopeError.Stale);
        }

        return await ClaimNonceAsync(payload.Nonce, cancellationToken) ? new(payload.Key, EnvelopeError.None) : new(null, EnvelopeError.Replayed);
    }

    /// <summary>Records the nonce; false when it was used before. Rows older than the window can be swept.</summary>
    private async Task<bool> ClaimNonceAsync(string nonce, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(NonceTableName, cancellationToken);
        var hash = SecretTokens.Hash(nonce);
        try
        {
            await table.AddEntityAsync(new TableEntity(hash[..2], hash) { ["SeenAt"] = time.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Forgets nonces older than the acceptance window: a payload that old is refused as stale anyway.</summary>
    public async Task<int> SweepNoncesAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(NonceTableName, cancellationToken);
        var cutoff = time.GetUtcNow() - MaxAge - ClockSkew;
        var swept = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"SeenAt lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
            swept++;
        }

        return swept;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;


    private sealed record Payload(string? Key, string? Nonce, long Iat);
}
