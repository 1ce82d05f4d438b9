using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Webhooks;

/// <summary>An endpoint as stored: its secrets only as ciphertext under the tenant's data key.</summary>
public sealed record WebhookEndpoint(
    string TenantId, string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string SecretCipher,
    string? PreviousSecretCipher, DateTimeOffset? PreviousSecretValidUntil);

/// <summary>One event's delivery to one endpoint, with the exact body every attempt sends.</summary>
public sealed record WebhookDelivery(
    string TenantId, string EndpointId, string Id, string EventId, string EventType, string Body, WebhookDeliveryState State, int Attempts,
    int? LastStatus, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt);

public enum WebhookDeliveryState { Pending, Delivered, Failed }

/// <summary>A delivery that is due for another attempt.</summary>
public sealed record DueDelivery(string TenantId, string DeliveryId);

/// <summary>
/// Endpoints and deliveries, partitioned by tenant (a user or an organisation). A delivery's row key starts with its
/// endpoint's id and sorts newest first, so an endpoint's log is one range query. Deliveries waiting for a retry are
/// also indexed by when they are due, in one partition the retry timer reads.
/// </summary>
public sealed class WebhookStore(StorageClients storage)
{
    public const string EndpointsTable = "webhooks";
    public const string DeliveriesTable = "webhookdeliveries";
    public const string RetriesTable = "webhookretries";
    private const string DuePartition = "due";

    public async Task AddAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken) =>
        await (await Table(EndpointsTable, cancellationToken)).AddEntityAsync(ToEntity(endpoint), cancellationToken);

    public async Task ReplaceAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken) =>
        await (await Table(EndpointsTable, cancellationToken)).UpdateEntityAsync(ToEntity(endpoint), ETag.All, TableUpdateMode.Replace, cancellationToken);

    public async Task<WebhookEndpoint?> FindAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var found = await (await Table(EndpointsTable, cancellationToken)).GetEntityIfExistsAsync<TableEntity>(tenantId, id, cancellationToken: cancellationToken);
        return found.HasValue ? ToEndpoint(found.Value!) : null;
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var endpoints = new List<WebhookEndpoint>();
        await foreach (var entity in (await Table(EndpointsTable, cancellationToken)).QueryAsync<TableEntity>(e => e.PartitionKey == tenantId, cancellationToken: cancellationToken))
        {
            endpoints.Add(ToEndpoint(entity));
        }

        return endpoints;
    }

    public async Task<bool> DeleteAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        !(await (await Table(EndpointsTable, cancellationToken)).DeleteEntityAsync(tenantId, id, ETag.All, cancellationToken)).IsError;

    public async Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await (await Table(DeliveriesTable, cancellationToken)).UpsertEntityAsync(new TableEntity(delivery.TenantId, delivery.Id)
        {
            ["EndpointId"] = delivery.EndpointId,
            ["EventId"] = delivery.EventId,
            ["EventType"] = delivery.EventType,
            ["Body"] = delivery.Body,
            ["State"] = delivery.State.ToString(),
            ["Attempts"] = delivery.Attempts,
            ["LastStatus"] = delivery.LastStatus,
            ["LastError"] = delivery.LastError,
            ["CreatedAt"] = delivery.CreatedAt,
            ["NextAttemptAt"] = delivery.NextAttemptAt,
        }, TableUpdateMode.Replace, cancellationToken);
        if (delivery.NextAttemptAt is { } due)
        {
            await (await Table(RetriesTable, cancellationToken)).UpsertEntityAsync(
                new TableEntity(DuePartition, DueRow(due, delivery.Id)) { ["TenantId"] = delivery.TenantId, ["DeliveryId"] = delivery.Id }, cancellationToken: cancellationToken);
        }
    }

    public async Task<WebhookDelivery?> DeliveryAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var found = await (await Table(DeliveriesTable, cancellationToken)).GetEntityIfExistsAsync<TableEntity>(tenantId, id, cancellationToken: cancellationToken);
        return found.HasValue ? ToDelivery(found.Value!) : null;
    }

    /// <summary>The endpoint's deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string tenantId, string endpointId, int count, CancellationToken cancellationToken)
    {
        var table = await Table(DeliveriesTable, cancellationToken);
        var (from, to) = (endpointId + ".", endpointId + "/");
        var deliveries = new List<WebhookDelivery>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {from} and RowKey lt {to}"), count, cancellationToken: cancellationToken))
        {
            deliveries.Add(ToDelivery(entity));
            if (deliveries.Count == count)
            {
                break;
            }
        }

        return deliveries;
    }

    /// <summary>Takes every delivery due by <paramref name="now"/> off the retry index; an entry another instance took first is skipped.</summary>
    public async Task<IReadOnlyList<DueDelivery>> TakeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await Table(RetriesTable, cancellationToken);
        var due = new List<DueDelivery>();
        var upTo = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DuePartition} and RowKey lt {upTo}"), cancellationToken: cancellationToken))
        {
            if (!(await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken)).IsError)
            {
                due.Add(new DueDelivery(entity.GetString("TenantId") ?? "", entity.GetString("DeliveryId") ?? ""));
            }
        }

        return due;
    }

    /// <summary>A delivery's row key: its endpoint, then a reversed time, so an endpoint's log reads newest first.</summary>
    public static string DeliveryId(string endpointId, DateTimeOffset at) => $"{endpointId}.{TimeOrderedId.New(at)}";

    private static string DueRow(DateTimeOffset due, string deliveryId) => $"{due.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}~{deliveryId}";

    private Task<TableClient> Table(string name, CancellationToken cancellationToken) => storage.TableAsync(name, cancellationToken);

    private static TableEntity ToEntity(WebhookEndpoint endpoint) => new(endpoint.TenantId, endpoint.Id)
    {
        ["Url"] = endpoint.Url,
        ["Events"] = string.Join(',', endpoint.Events),
        ["CreatedAt"] = endpoint.CreatedAt,
        ["Secret"] = endpoint.SecretCipher,
        ["PreviousSecret"] = endpoint.PreviousSecretCipher,
        ["PreviousSecretValidUntil"] = endpoint.PreviousSecretValidUntil,
    };

    private static WebhookEndpoint ToEndpoint(TableEntity entity) => new(
        entity.PartitionKey, entity.RowKey, entity.GetString("Url") ?? "", (entity.GetString("Events") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        entity.GetDateTimeOffset("CreatedAt") ?? default, entity.GetString("Secret") ?? "", entity.GetString("PreviousSecret"), entity.GetDateTimeOffset("PreviousSecretValidUntil"));

    private static WebhookDelivery ToDelivery(TableEntity entity) => new(
        entity.PartitionKey, entity.GetString("EndpointId") ?? "", entity.RowKey, entity.GetString("EventId") ?? "", entity.GetString("EventType") ?? "",
        entity.GetString("Body") ?? "", Enum.TryParse<WebhookDeliveryState>(entity.GetString("State"), out var state) ? state : WebhookDeliveryState.Failed,
        entity.GetInt32("Attempts") ?? 0, entity.GetInt32("LastStatus"), entity.GetString("LastError"), entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetDateTimeOffset("NextAttemptAt"));
}
