using System.Text.Json.Nodes;

namespace CrewBuilder.Core.Webhooks;

/// <summary>The events an endpoint can subscribe to, by their wire name.</summary>
public static class WebhookEventTypes
{
    public const string GenerationCompleted = "generation.completed";
    public const string GenerationFailed = "generation.failed";
    public const string KeyRotationDue = "key.rotation_due";
    public const string UsageThreshold = "usage.threshold";

    /// <summary>Sent only by "send test event", to the one endpoint asked.</summary>
    public const string Test = "webhook.test";

    public static IReadOnlyList<string> Subscribable { get; } = [GenerationCompleted, GenerationFailed, KeyRotationDue, UsageThreshold];
}

/// <summary>
/// What a receiver gets, as the body's JSON: <paramref name="Id"/> is the same on every retry of the event, so a
/// receiver deduplicates by it; <paramref name="Tenant"/> is the user or organisation whose event it is.
/// </summary>
public sealed record WebhookEvent(string Id, string Type, DateTimeOffset Created, string Tenant, JsonObject Data);
