using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

/// <summary>The $5 generation with CrewBuilder Pro AI, bought and spent without an account.</summary>
public sealed class CreditTests(BillingWorld world) : IClassFixture<BillingWorld>
{
    [Fact]
    public async Task A_visitor_buys_a_generation_spends_it_on_crewbuilders_own_ai_and_cannot_spend_it_twice()
    {
        var checkout = await world.GetJsonAsync("/api/billing/checkout", body: new { mode = "generation" });
        var claim = checkout.GetProperty("credit").GetString()!;
        Assert.StartsWith("cbc_", claim, StringComparison.Ordinal);
        Assert.StartsWith(world.Stripe.BaseUrl + "/pay/cs_test_", checkout.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(("pending", 0), await LookupAsync(claim));
        using (var unpaid = await StartAsync(claim))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, unpaid.StatusCode);
        }

        await world.Stripe.CompleteCheckoutAsync(world.Stripe.SessionOfClaim(claim));
        Assert.Equal(("paid", 1), await LookupAsync(claim));

        using var started = await StartAsync(claim);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = (await started.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var client = new GenerationClient(world.Http);
        using var status = await client.SendAsync(HttpMethod.Get, accepted.StatusUrl, accepted.AccessToken);
        var view = (await status.Content.ReadFromJsonAsync<GenerationView>(ApiJson.Options))!;
        Assert.Equal((GenerationMode.Llm, KeySource.Platform, "openai"), (view.Mode, view.KeySource, view.Provider));
        Assert.Equal(("paid", 0), await LookupAsync(claim));
        using var twice = await StartAsync(claim);
        var problem = await twice.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.PaymentRequired, twice.StatusCode);
        Assert.Equal("https://crewbuilder.dev/problems/credit-not-spendable", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_site_is_told_which_providers_crewbuilder_pro_ai_runs_on()
    {
        var config = await world.GetJsonAsync("/api/auth/config");

        Assert.Equal(["openai", "anthropic"], config.GetProperty("platformKeyProviders").EnumerateArray().Select(provider => provider.GetString()));
    }

    [Fact]
    public async Task A_failed_generation_gives_the_paid_generation_back()
    {
        var claim = await BuyAndPayAsync(quantity: 1);

        using var started = await StartAsync(claim, provider: "anthropic");
        var accepted = (await started.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;

        var failed = await WaitAsync(accepted, view => view.Status == GenerationStatus.Failed);
        Assert.Equal("The Anthropic key was rejected.", failed.Error);
        Assert.Equal(("paid", 1), await LookupAsync(claim));
        Assert.Equal(new Core.Billing.GenerationCharge(Core.Billing.ChargedTo.Credit, Counted: false), failed.Charge);
    }

    [Fact]
    public async Task A_visitor_back_from_checkout_before_the_webhook_arrives_can_start_at_once()
    {
        var checkout = await world.GetJsonAsync("/api/billing/checkout", body: new { mode = "generation", quantity = 2 });
        var claim = checkout.GetProperty("credit").GetString()!;

        await world.Stripe.CompleteCheckoutAsync(world.Stripe.SessionOfClaim(claim), sendEvent: false);

        Assert.Equal(("paid", 2), await LookupAsync(claim));
    }

    [Fact]
    public async Task A_refund_withdraws_what_is_unused_and_leaves_what_was_used()
    {
        var claim = await BuyAndPayAsync(quantity: 3);
        using var started = await StartAsync(claim);
        var accepted = (await started.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var completed = await WaitAsync(accepted, view => view.Status == GenerationStatus.Completed);
        Assert.Equal(new Core.Billing.GenerationCharge(Core.Billing.ChargedTo.Credit, Counted: true), completed.Charge);
        var paymentIntentId = (string)world.Stripe.Find(world.Stripe.SessionOfClaim(claim))["payment_intent"]!;

        await world.Stripe.RefundAsync(paymentIntentId, 500);
        Assert.Equal(("paid", 1), await LookupAsync(claim));

        await world.Stripe.RefundAsync(paymentIntentId, 1000);
        Assert.Equal(("refunded", 0), await LookupAsync(claim));
    }

    [Fact]
    public async Task Claims_that_are_not_ours_are_refused_and_the_claim_is_kept_only_as_a_hash()
    {
        var claim = await BuyAndPayAsync(quantity: 1);
        var forged = claim[..^4] + "AAAA";

        using var refused = await StartAsync(forged);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var lookup = await world.SendAsync(HttpMethod.Post, "/api/billing/credits/lookup", body: new { credit = forged });
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        using var garbage = await world.SendAsync(HttpMethod.Post, "/api/billing/credits/lookup", body: new { credit = "cbc_x" });
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);

        Assert.DoesNotContain(claim, await StorageDump.AllTextAsync(world.App), StringComparison.Ordinal);
        Assert.DoesNotContain(world.App.Logs, line => line.Contains(claim, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Checkout_requests_that_make_no_sense_get_a_clear_problem()
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await StatusOfCheckoutAsync(new { mode = "generation", quantity = 0 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await StatusOfCheckoutAsync(new { mode = "generation", quantity = 21 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await StatusOfCheckoutAsync(new { plan = "enterprise" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await StatusOfCheckoutAsync(new { mode = "lifetime" }));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOfCheckoutAsync(new { plan = "basic", coupon = "FREE" }));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfCheckoutAsync(new { plan = "basic" }));
    }

    [Fact]
    public async Task Without_a_plan_or_a_paid_generation_crewbuilders_own_ai_is_refused_with_the_way_to_get_it()
    {
        using var response = await world.SendAsync(HttpMethod.Post, "/api/generations", body: new { requirement = GenerationClient.Requirement, keySource = "platform" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("single paid generation", problem.GetProperty("errors").GetProperty("keySource")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> StatusOfCheckoutAsync(object body)
    {
        using var response = await world.SendAsync(HttpMethod.Post, "/api/billing/checkout", body: body);
        return response.StatusCode;
    }

    private async Task<string> BuyAndPayAsync(int quantity)
    {
        var claim = (await world.GetJsonAsync("/api/billing/checkout", body: new { mode = "generation", quantity })).GetProperty("credit").GetString()!;
        await world.Stripe.CompleteCheckoutAsync(world.Stripe.SessionOfClaim(claim));
        return claim;
    }

    private Task<HttpResponseMessage> StartAsync(string claim, string? provider = null) =>
        world.SendAsync(HttpMethod.Post, "/api/generations", body: new { requirement = GenerationClient.Requirement, credit = claim, provider });

    private async Task<(string State, int Remaining)> LookupAsync(string claim)
    {
        var credit = await world.GetJsonAsync("/api/billing/credits/lookup", body: new { credit = claim });
        return (credit.GetProperty("state").GetString()!, credit.GetProperty("remaining").GetInt32());
    }

    private async Task<GenerationView> WaitAsync(GenerationAccepted accepted, Func<GenerationView, bool> until)
    {
        var client = new GenerationClient(world.Http);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await client.SendAsync(HttpMethod.Get, accepted.StatusUrl, accepted.AccessToken);
            var view = (await response.Content.ReadFromJsonAsync<GenerationView>(ApiJson.Options))!;
            if (until(view))
            {
                return view;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Generation {accepted.Id} did not get there.");
    }
}

public sealed class ModelTierTests(BillingWorld world) : IClassFixture<BillingWorld>
{
    [Fact]
    public async Task Crewbuilder_pro_ai_runs_the_models_of_the_plan_and_refuses_others_without_charging()
    {
        var basic = await world.NewSubscriberAsync();
        await world.SubscribeAsync(basic, "basic");

        using var advanced = await world.SendAsync(HttpMethod.Post, "/api/generations", basic, new { requirement = GenerationClient.Requirement, model = "gpt-4.1" });
        var problem = await advanced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, advanced.StatusCode);
        Assert.Equal("With CrewBuilder Pro AI your plan offers gpt-4o-mini.", problem.GetProperty("errors").GetProperty("model")[0].GetString());
        using var odd = await world.SendAsync(HttpMethod.Post, "/api/generations", basic, new { requirement = GenerationClient.Requirement, model = "gpt 4 <script>" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, odd.StatusCode);
        Assert.Equal(0, (await world.GetJsonAsync("/api/usage", basic)).GetProperty("reserved").GetInt32());

        var client = new GenerationClient(world.Http, basic);
        var standard = await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        Assert.Equal((KeySource.Platform, "gpt-4o-mini"), (standard.KeySource, standard.Model));
    }
}
