using System.Text.Json.Nodes;
using CrewBuilder.Core.Billing;

namespace CrewBuilder.Core.Webhooks;

/// <summary>
/// Usage alerts as they are recorded today, and also as webhook events of the alert's tenant: a key coming due for
/// rotation is <c>key.rotation_due</c>, a quota or spend threshold crossed <c>usage.threshold</c>. Each alert's occasion
/// is sent once, so is its event.
/// </summary>
public sealed class WebhookAlertingNotifier(RecordingUsageNotifier recorded, WebhookService webhooks) : IUsageNotifier
{
    public async Task<bool> NotifyAsync(UsageAlert alert, CancellationToken cancellationToken)
    {
        var sent = await recorded.NotifyAsync(alert, cancellationToken);
        if (sent && EventTypeOf(alert.Kind) is { } type)
        {
            await webhooks.PublishAsync(alert.TenantId, type, new JsonObject { ["kind"] = alert.Kind, ["occasion"] = alert.Key, ["message"] = alert.Message }, cancellationToken);
        }

        return sent;
    }

    public Task<IReadOnlyList<UsageAlert>> RecentAsync(string tenantId, int count, CancellationToken cancellationToken) =>
        recorded.RecentAsync(tenantId, count, cancellationToken);

    /// <summary>The platform's own anomaly alerts are no tenant's event.</summary>
    private static string? EventTypeOf(string kind) => kind switch
    {
        "rotation" => WebhookEventTypes.KeyRotationDue,
        "anomaly" => null,
        _ => WebhookEventTypes.UsageThreshold,
    };
}
