using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Identity;

public sealed record UserProfile(string Id, string Email, string DisplayName, string Plan, DateTimeOffset CreatedAt);

/// <summary>Users, one partition each, created on their first authenticated call.</summary>
public sealed class UserStore(StorageClients storage, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> known = new();
    private readonly SharedReads<UserProfile> ensured = new();
    private readonly SharedReads<UserProfile?> profiles = new();

    public const string TableName = "users";
    private const string ProfileRow = "profile";

    /// <summary>A stable id for the person behind (issuer, subject); it reveals neither.</summary>
    public static string UserId(string issuer, string subject) =>
        "u" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{subject}")))[..31];

    /// <summary>Makes sure the user exists with this e-mail and name; a user this instance has seen so is not read again.</summary>
    public async Task EnsureKnownAsync(string userId, string email, string displayName, CancellationToken cancellationToken)
    {
        var fingerprint = $"{email}\n{displayName}";
        if (known.TryGetValue(userId, out var seen) && seen == fingerprint)
        {
            return;
        }

        // One person's first requests arriving together make them known once.
        await ensured.ReadAsync($"{userId}\n{fingerprint}", () => EnsureAsync(userId, email, displayName, CancellationToken.None), cancellationToken);
        known[userId] = fingerprint;
    }

    /// <summary>Forgets what this instance knows of a user, after the user was deleted.</summary>
    public void Forget(string userId) => known.TryRemove(userId, out _);

    /// <summary>The user's profile, created now if this is their first call; e-mail and name follow the latest token.</summary>
    public async Task<UserProfile> EnsureAsync(string userId, string email, string displayName, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(userId, ProfileRow, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            var entity = new TableEntity(userId, ProfileRow)
            {
                ["Email"] = email,
                ["DisplayName"] = displayName,
                ["Plan"] = PlanIds.Free,
                ["CreatedAt"] = time.GetUtcNow(),
            };
            try
            {
                await table.AddEntityAsync(entity, cancellationToken);
                return ToProfile(entity);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Created by a concurrent first call; use theirs.
            }
        }
        else if (existing.Value!.GetString("Email") == email && existing.Value.GetString("DisplayName") == displayName)
        {
            return ToProfile(existing.Value); // as the token says already: read once, nothing to write
        }

        var updated = await table.UpdateAsync<TableEntity>(userId, ProfileRow, entity =>
        {
            var changed = entity.GetString("Email") != email || entity.GetString("DisplayName") != displayName;
            entity["Email"] = email;
            entity["DisplayName"] = displayName;
            return changed;
        }, cancellationToken);
        return ToProfile(updated!);
    }

    /// <summary>The user's profile; one person's requests arriving together share one read (<see cref="SharedReads{T}"/>).</summary>
    public Task<UserProfile?> FindAsync(string userId, CancellationToken cancellationToken) =>
        profiles.ReadAsync(userId, async () =>
        {
            var table = await storage.TableAsync(TableName, CancellationToken.None);
            var entity = await table.GetEntityIfExistsAsync<TableEntity>(userId, ProfileRow);
            return entity.HasValue ? ToProfile(entity.Value!) : null;
        }, cancellationToken);

    public async Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(userId, ProfileRow, ETag.All, cancellationToken);
        Forget(userId);
    }

    public async Task SetPlanAsync(string userId, string plan, CancellationToken cancellationToken)
    {
        if (!PlanIds.IsKnown(plan))
        {
            throw new ArgumentException($"Unknown plan '{plan}'.", nameof(plan));
        }

        var table = await storage.TableAsync(TableName, cancellationToken);
        _ = await table.UpdateAsync<TableEntity>(userId, ProfileRow, entity =>
        {
            entity["Plan"] = plan;
            return true;
        }, cancellationToken) ?? throw new InvalidOperationException("No such user.");
    }

    private static UserProfile ToProfile(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("Email") ?? "",
        entity.GetString("DisplayName") ?? "",
        entity.GetString("Plan") ?? PlanIds.Free,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
}
