using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

public sealed class SubscriptionTests(BillingWorld world) : IClassFixture<BillingWorld>
{
    [Fact]
    public async Task Subscribing_through_checkout_and_the_webhook_puts_the_person_on_the_plan_with_its_period_and_quota()
    {
        var token = await world.NewSubscriberAsync();

        var subscriptionId = await world.SubscribeAsync(token, "basic");

        var session = world.Stripe.Sessions.Single(s => (string?)s["subscription"] == subscriptionId);
        Assert.Equal("subscription", (string?)session["mode"]);
        Assert.EndsWith("@example.com", (string?)session["customer_email"], StringComparison.Ordinal);
        Assert.EndsWith("/billing.html?checkout=complete", (string?)session["success_url"], StringComparison.Ordinal);
        Assert.Equal("basic", (await world.GetJsonAsync("/api/me", token)).GetProperty("plan").GetString());
        var usage = await world.GetJsonAsync("/api/usage", token);
        Assert.Equal(("basic", "active", 10, 0, 10), (usage.GetProperty("plan").GetString(), usage.GetProperty("subscriptionStatus").GetString(),
            usage.GetProperty("limit").GetInt32(), usage.GetProperty("used").GetInt32(), usage.GetProperty("remaining").GetInt32()));
        var periodEnd = usage.GetProperty("periodEnd").GetDateTimeOffset();
        Assert.InRange(periodEnd - usage.GetProperty("periodStart").GetDateTimeOffset(), TimeSpan.FromDays(28), TimeSpan.FromDays(31));

        var portal = await world.GetJsonAsync("/api/billing/portal", token, new { });
        Assert.StartsWith(world.Stripe.BaseUrl + "/portal/cus_", portal.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_are_purchasable_only_while_stripe_is_configured()
    {
        static bool Purchasable(JsonElement catalog, string plan) =>
            catalog.GetProperty("plans").EnumerateArray().Single(offer => offer.GetProperty("id").GetString() == plan).GetProperty("purchasable").GetBoolean();
        var sold = await world.GetJsonAsync("/api/billing/plans");
        Assert.True(Purchasable(sold, "basic") && Purchasable(sold, "professional"));

        var pricesWithoutStripe = world.Stripe.HostSettings().Where(setting => setting.Key.StartsWith("Billing:", StringComparison.Ordinal)).ToDictionary();
        using var unconfigured = new SelfHostFactory { Settings = pricesWithoutStripe };
        using var http = unconfigured.CreateClient();
        var catalog = await http.GetFromJsonAsync<JsonElement>("/api/billing/plans");
        Assert.All(catalog.GetProperty("plans").EnumerateArray(), offer => Assert.False(offer.GetProperty("purchasable").GetBoolean(), offer.GetRawText()));
        using var checkout = await http.PostAsJsonAsync("/api/billing/checkout", new { mode = "generation" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, checkout.StatusCode);
    }

    [Fact]
    public async Task A_failed_invoice_stops_new_generations_with_a_clear_402_until_it_is_paid()
    {
        var token = await world.NewSubscriberAsync();
        var subscriptionId = await world.SubscribeAsync(token, "professional");

        await world.Stripe.UpdateSubscriptionAsync(subscriptionId, "past_due", eventTypes: "invoice.payment_failed");
        using var refused = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { requirement = GenerationClient.Requirement });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal("https://crewbuilder.dev/problems/payment-past-due", problem.GetProperty("type").GetString());
        Assert.Contains("payment method", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains((await world.GetJsonAsync("/api/usage", token)).GetProperty("alerts").EnumerateArray(),
            alert => alert.GetString()!.Contains("did not go through", StringComparison.Ordinal));

        await world.Stripe.UpdateSubscriptionAsync(subscriptionId, "active", eventTypes: "invoice.paid");
        using var accepted = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { requirement = GenerationClient.Requirement });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task Events_out_of_order_end_in_the_state_stripe_holds_and_a_cancelled_plan_falls_back_to_free()
    {
        var token = await world.NewSubscriberAsync();
        var subscriptionId = await world.SubscribeAsync(token, "basic");
        var staleUpdate = world.Stripe.EventPayload("customer.subscription.updated", subscriptionId, "evt_stale_update_" + subscriptionId);

        await world.Stripe.UpdateSubscriptionAsync(subscriptionId, "canceled", eventTypes: "customer.subscription.deleted");
        Assert.Equal(200, await world.Stripe.DeliverAsync(staleUpdate, StripeStandIn.Sign(staleUpdate, DateTimeOffset.UtcNow, StripeStandIn.WebhookSecret)));

        Assert.Equal("free", (await world.GetJsonAsync("/api/me", token)).GetProperty("plan").GetString());
        Assert.Equal("canceled", (await world.GetJsonAsync("/api/usage", token)).GetProperty("subscriptionStatus").GetString());
    }

    [Fact]
    public async Task A_new_billing_period_from_stripe_starts_the_quota_again()
    {
        var token = await world.NewSubscriberAsync();
        var subscriptionId = await world.SubscribeAsync(token, "basic");
        var client = new GenerationClient(world.Http, token);
        var done = await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(1, (await world.GetJsonAsync("/api/usage", token)).GetProperty("used").GetInt32());

        var nextPeriod = DateTimeOffset.UtcNow.AddDays(1);
        await world.Stripe.UpdateSubscriptionAsync(subscriptionId, "active", nextPeriod, "invoice.paid", "customer.subscription.updated");

        var usage = await world.GetJsonAsync("/api/usage", token);
        Assert.Equal((0, nextPeriod.ToUnixTimeSeconds()), (usage.GetProperty("used").GetInt32(), usage.GetProperty("periodStart").GetDateTimeOffset().ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Thirty_simultaneous_generations_against_ten_remaining_accept_exactly_ten_and_say_when_the_quota_renews()
    {
        var token = await world.NewSubscriberAsync();
        await world.SubscribeAsync(token, "basic");

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            world.SendAsync(HttpMethod.Post, "/api/generations", token, new { requirement = GenerationClient.Requirement })));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.Equal(20, refused.Count);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.FromDays(20)));
        var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://crewbuilder.dev/problems/quota-exhausted", problem.GetProperty("type").GetString());
        Assert.Contains("renews on", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var usage = await world.GetJsonAsync("/api/usage", token);
        Assert.Equal(10, usage.GetProperty("used").GetInt32() + usage.GetProperty("reserved").GetInt32());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Deleting_an_account_cancels_its_subscription_at_stripe_first()
    {
        var token = await world.NewSubscriberAsync();
        var subscriptionId = await world.SubscribeAsync(token, "basic");
        var email = (await world.GetJsonAsync("/api/me", token)).GetProperty("email").GetString();

        using var deleted = await world.SendAsync(HttpMethod.Delete, "/api/me", token, new { confirmEmail = email });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("canceled", (string?)world.Stripe.Find(subscriptionId)["status"]);
        Assert.Contains($"DELETE /v1/subscriptions/{subscriptionId}", world.Stripe.Requests);
    }
}
