using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Billing;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

public sealed class WebhookTests(BillingWorld world) : IClassFixture<BillingWorld>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_bad_signature_a_wrong_secret_a_stale_timestamp_or_no_signature_is_refused_and_changes_nothing()
    {
        var token = await world.NewSubscriberAsync();
        var subscriptionId = await world.SubscribeAsync(token, "basic");
        await world.Stripe.UpdateSubscriptionAsync(subscriptionId, "canceled");
        var payload = world.Stripe.EventPayload("customer.subscription.deleted", subscriptionId, "evt_forged_" + subscriptionId);
        var now = DateTimeOffset.UtcNow;

        var tampered = StripeStandIn.Sign(payload, now, StripeStandIn.WebhookSecret).Replace("v1=", "v1=0", StringComparison.Ordinal)[..^1];
        Assert.Equal(400, await world.Stripe.DeliverAsync(payload, tampered));
        Assert.Equal(400, await world.Stripe.DeliverAsync(payload, StripeStandIn.Sign(payload, now, "whsec_" + "someone-else")));
        Assert.Equal(400, await world.Stripe.DeliverAsync(payload, StripeStandIn.Sign(payload, now.AddSeconds(-301), StripeStandIn.WebhookSecret)));
        Assert.Equal(400, await world.Stripe.DeliverAsync(payload + " ", StripeStandIn.Sign(payload, now, StripeStandIn.WebhookSecret)));
        Assert.Equal(400, await world.Stripe.DeliverAsync(payload, ""));

        Assert.Equal("basic", (await world.GetJsonAsync("/api/me", token)).GetProperty("plan").GetString());
        Assert.False(await EventRecordedAsync("evt_forged_" + subscriptionId));
    }

    [Fact]
    public async Task A_validly_signed_webhook_with_an_unreadable_payload_timestamp_or_id_is_a_400_problem_and_records_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        var eventId = "evt_unreadable_" + Guid.NewGuid().ToString("N");
        static string Event(string id, string created, string data) =>
            $$"""{"id":{{id}},"object":"event","type":"customer.tax_id.created","created":{{created}},"data":{{data}}}""";
        var readable = Event($"\"{eventId}\"", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), """{"object":{}}""");
        string[] payloads =
        [
            "not json", "", "null", "[]", "{}", readable[..^5],
            Event("5", "1", """{"object":{}}"""), Event("\"\"", "1", """{"object":{}}"""), Event("null", "1", """{"object":{}}"""),
            Event($"\"{eventId}\"", "\"yesterday\"", """{"object":{}}"""), Event($"\"{eventId}\"", "1", "\"x\""),
            Event("\"../../etc/passwd\"", "1", """{"object":{}}"""), Event("\"evt_a\\u0000b\"", "1", """{"object":{}}"""),
            Event($"\"evt_{new string('x', 10_000)}\"", "1", """{"object":{}}"""), Event("\"evt_ü\"", "1", """{"object":{}}"""),
            readable.Replace("\"object\":\"event\",", "", StringComparison.Ordinal), readable.Replace("{\"id\":", "{\"id\":\"evt_twice\",\"id\":", StringComparison.Ordinal),
        ];

        foreach (var payload in payloads)
        {
            var (status, type) = await DeliverForProblemAsync(payload, StripeStandIn.Sign(payload, now, StripeStandIn.WebhookSecret));
            Assert.True(status == 400, $"{payload}: {status}");
            Assert.Equal("https://crewbuilder.dev/problems/webhook-unreadable", type);
        }

        foreach (var timestamp in new[] { "yesterday", "99999999999999999999", "" })
        {
            var mac = System.Security.Cryptography.HMACSHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(StripeStandIn.WebhookSecret), System.Text.Encoding.UTF8.GetBytes($"{timestamp}.{readable}"));
            var (status, type) = await DeliverForProblemAsync(readable, $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");
            Assert.True(status == 400, $"t={timestamp}: {status}");
            Assert.Equal("https://crewbuilder.dev/problems/webhook-rejected", type);
        }

        Assert.False(await EventRecordedAsync(eventId));
    }

    [Fact]
    public async Task A_timestamp_within_the_tolerance_is_accepted()
    {
        var token = await world.NewSubscriberAsync();
        var subscriptionId = await world.SubscribeAsync(token, "basic");
        var payload = world.Stripe.EventPayload("customer.subscription.updated", subscriptionId, "evt_late_" + subscriptionId);

        Assert.Equal(200, await world.Stripe.DeliverAsync(payload, StripeStandIn.Sign(payload, DateTimeOffset.UtcNow.AddSeconds(-240), StripeStandIn.WebhookSecret)));
        Assert.True(await EventRecordedAsync("evt_late_" + subscriptionId));
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_as_a_duplicate_and_applied_once()
    {
        var claim = await BuyAsync(quantity: 2);
        var (sessionId, paymentIntentId) = await PayAsync(claim);
        await world.GetJsonAsync("/api/billing/credits/lookup", body: new { credit = claim });
        var refund = world.Stripe.EventPayload("charge.refunded", (string)world.Stripe.Find(paymentIntentId)["latest_charge"]!, "evt_refund_" + sessionId);
        await world.Stripe.RefundAsync(paymentIntentId, 500);
        var signature = StripeStandIn.Sign(refund, DateTimeOffset.UtcNow, StripeStandIn.WebhookSecret);

        var first = await DeliverForReceiptAsync(refund, signature);
        var again = await DeliverForReceiptAsync(refund, signature);

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, (await world.GetJsonAsync("/api/billing/credits/lookup", body: new { credit = claim })).GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task An_unknown_event_type_is_acknowledged_and_recorded_without_effect()
    {
        var sessionId = world.Stripe.SessionOfClaim(await BuyAsync(quantity: 1));
        var payload = world.Stripe.EventPayload("customer.tax_id.created", sessionId, "evt_unknown_" + sessionId);

        Assert.Equal(200, await world.Stripe.DeliverAsync(payload, StripeStandIn.Sign(payload, DateTimeOffset.UtcNow, StripeStandIn.WebhookSecret)));
        Assert.True(await EventRecordedAsync("evt_unknown_" + sessionId));
    }

    private async Task<string> BuyAsync(int quantity) =>
        (await world.GetJsonAsync("/api/billing/checkout", body: new { mode = "generation", quantity })).GetProperty("credit").GetString()!;

    private async Task<(string SessionId, string PaymentIntentId)> PayAsync(string claim)
    {
        var sessionId = world.Stripe.SessionOfClaim(claim);
        await world.Stripe.CompleteCheckoutAsync(sessionId);
        return (sessionId, (string)world.Stripe.Find(sessionId)["payment_intent"]!);
    }

    private async Task<JsonElement> DeliverForReceiptAsync(string payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/webhook") { Content = StripeStandIn.WebhookContent(payload) };
        request.Headers.Add("Stripe-Signature", signature);
        using var response = await world.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(), Web);
    }

    private async Task<(int Status, string? Type)> DeliverForProblemAsync(string payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/webhook") { Content = StripeStandIn.WebhookContent(payload) };
        request.Headers.Add("Stripe-Signature", signature);
        using var response = await world.Http.SendAsync(request);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(), Web);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        return ((int)response.StatusCode, problem.GetProperty("type").GetString());
    }

    private async Task<bool> EventRecordedAsync(string eventId)
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + StripeEventLog.TableName);
        return (await table.GetEntityIfExistsAsync<TableEntity>("event", eventId)).HasValue;
    }
}
