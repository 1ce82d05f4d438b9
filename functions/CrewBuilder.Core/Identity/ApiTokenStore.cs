using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Identity;

public sealed record ApiTokenInfo(
    string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset ExpiresAt);

public sealed record CreatedApiToken(string Token, ApiTokenInfo Info);

/// <summary>What a valid personal API token grants.</summary>
public sealed record ApiTokenGrant(string UserId, string TokenId, IReadOnlySet<string> Scopes);

/// <summary>
/// Personal API tokens. Only a hash is stored: one row in the owner's partition (what the owner sees)
/// and one lookup row keyed by the hash (what a request is checked against). Revoking deletes both.
/// A grant found in storage is remembered for a few seconds so a busy client costs no storage read per
/// request; revoking forgets it here at once, and other instances within <see cref="GrantCacheDuration"/>.
/// </summary>
public sealed class ApiTokenStore(StorageClients storage, TimeProvider time)
{
    public const string TableName = "apitokens";
    public const string LookupTableName = "apitokenhashes";
    public static readonly TimeSpan GrantCacheDuration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CachedGrant> grants = new();

    public async Task<CreatedApiToken> CreateAsync(
        string userId, string name, IReadOnlyCollection<string> scopes, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = SecretTokens.New(SecretTokens.ApiTokenPrefix);
        var hash = SecretTokens.Hash(token);
        var now = time.GetUtcNow();
        var id = TimeOrderedId.New(now);
        var scopeList = string.Join(' ', scopes.Order());
        var owned = new TableEntity(userId, id)
        {
            ["Name"] = name,
            ["Prefix"] = token[..8],
            ["Scopes"] = scopeList,
            ["CreatedAt"] = now,
            ["ExpiresAt"] = now + lifetime,
            ["Hash"] = hash,
        };
        var lookup = new TableEntity(LookupPartition(hash), hash)
        {
            ["UserId"] = userId,
            ["TokenId"] = id,
            ["Scopes"] = scopeList,
            ["ExpiresAt"] = now + lifetime,
        };
        await (await OwnedAsync(cancellationToken)).AddEntityAsync(owned, cancellationToken);
        await (await LookupAsync(cancellationToken)).AddEntityAsync(lookup, cancellationToken);
        return new CreatedApiToken(token, ToInfo(owned));
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await OwnedAsync(cancellationToken);
        var tokens = new List<ApiTokenInfo>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == userId, cancellationToken: cancellationToken))
        {
            tokens.Add(ToInfo(entity));
        }

        return tokens;
    }

    /// <summary>Revokes at once: the lookup row goes first, so the token stops working before anything else.</summary>
    public async Task<bool> RevokeAsync(string userId, string tokenId, CancellationToken cancellationToken)
    {
        var owned = await OwnedAsync(cancellationToken);
        var entity = await owned.GetEntityIfExistsAsync<TableEntity>(userId, tokenId, cancellationToken: cancellationToken);
        if (!entity.HasValue)
        {
            return false;
        }

        var hash = entity.Value!.GetString("Hash")!;
        grants.TryRemove(hash, out _);
        await (await LookupAsync(cancellationToken)).DeleteEntityAsync(LookupPartition(hash), hash, ETag.All, cancellationToken);
        await owned.DeleteEntityAsync(userId, tokenId, ETag.All, cancellationToken);
        return true;
    }

    public async Task RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        foreach (var token in await ListAsync(userId, cancellationToken))
        {
            await RevokeAsync(userId, token.Id, cancellationToken);
        }
    }

    /// <summary>The grant of a presented token, or null when it is unknown, revoked or expired.</summary>
    public async Task<ApiTokenGrant?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.Hash(token);
        var now = time.GetUtcNow();
        if (!grants.TryGetValue(hash, out var cached) || cached.CachedUntil <= now)
        {
            var lookup = await (await LookupAsync(cancellationToken))
                .GetEntityIfExistsAsync<TableEntity>(LookupPartition(hash), hash, cancellationToken: cancellationToken);
            if (!lookup.HasValue)
            {
                grants.TryRemove(hash, out _);
                return null;
            }

            var entity = lookup.Value!;
            var grant = new ApiTokenGrant(entity.GetString("UserId")!, entity.GetString("TokenId")!, ParseScopes(entity.GetString("Scopes")));
            cached = new CachedGrant(grant, entity.GetDateTimeOffset("ExpiresAt") ?? now, now + GrantCacheDuration, cached?.LastNoted);
            grants[hash] = cached;
        }

        if (cached.ExpiresAt <= now)
        {
            return null;
        }

        if (cached.LastNoted is not { } noted || now - noted >= LastUsedResolution)
        {
            grants[hash] = cached with { LastNoted = now }; // one write a minute is precise enough
            await NoteUseAsync(cached.Grant, now, cancellationToken);
        }

        return cached.Grant;
    }

    private async Task NoteUseAsync(ApiTokenGrant grant, DateTimeOffset now, CancellationToken cancellationToken) =>
        await (await OwnedAsync(cancellationToken)).UpdateAsync<TableEntity>(grant.UserId, grant.TokenId, entity =>
        {
            entity["LastUsedAt"] = now;
            return true;
        }, cancellationToken);

    private sealed record CachedGrant(ApiTokenGrant Grant, DateTimeOffset ExpiresAt, DateTimeOffset CachedUntil, DateTimeOffset? LastNoted);

    private static HashSet<string> ParseScopes(string? scopes) => [.. (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static string LookupPartition(string hash) => hash[..2];

    private static ApiTokenInfo ToInfo(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Name") ?? "",
        entity.GetString("Prefix") ?? "",
        [.. ParseScopes(entity.GetString("Scopes")).Order()],
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("LastUsedAt"),
        entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);

    private Task<TableClient> OwnedAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);

    private Task<TableClient> LookupAsync(CancellationToken cancellationToken) => storage.TableAsync(LookupTableName, cancellationToken);
}
