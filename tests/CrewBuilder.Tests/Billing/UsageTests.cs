using System.Net;
using System.Net.Http.Json;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

public sealed class UsageTests(BillingWorld world) : IClassFixture<BillingWorld>
{
    [Fact]
    public async Task Each_finished_generation_leaves_one_ledger_row_with_its_key_source_model_tokens_cost_and_outcome()
    {
        var token = await world.NewSubscriberAsync();
        await world.SubscribeAsync(token, "professional");
        var client = new GenerationClient(world.Http, token);
        var completed = await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        using var failedStart = await world.SendAsync(HttpMethod.Post, "/api/generations", token,
            new { requirement = GenerationClient.Requirement, keySource = "platform", provider = "anthropic" });
        var failedId = (await failedStart.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        var failed = await client.WaitForCompletionAsync(failedId);
        Assert.Equal((Core.Billing.ChargedTo.Plan, true), (completed.Charge!.To, completed.Charge.Counted));
        Assert.Equal((Core.Billing.ChargedTo.Plan, false), (failed.Charge!.To, failed.Charge.Counted));

        var page = await world.GetJsonAsync("/api/usage/history?pageSize=1", token);
        var newest = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((failedId, "failed", "platform", "anthropic", "plan"), (newest.GetProperty("generationId").GetString(), newest.GetProperty("outcome").GetString(),
            newest.GetProperty("keySource").GetString(), newest.GetProperty("provider").GetString(), newest.GetProperty("chargedTo").GetString()));
        var next = await world.GetJsonAsync($"/api/usage/history?pageSize=1&continuationToken={Uri.EscapeDataString(page.GetProperty("continuationToken").GetString()!)}", token);
        var first = Assert.Single(next.GetProperty("items").EnumerateArray());
        // Professional runs CrewBuilder Pro AI's architecture and review on the advanced model ($2 and $8 a million tokens),
        // the analysis and the tasks on the standard one ($0.15 and $0.60): four calls of 10 + 10 tokens.
        Assert.Equal((completed.Id, "completed", "gpt-4.1"), (first.GetProperty("generationId").GetString(), first.GetProperty("outcome").GetString(), first.GetProperty("model").GetString()));
        Assert.Equal((40, 40), (first.GetProperty("tokensIn").GetInt32(), first.GetProperty("tokensOut").GetInt32()));
        Assert.Equal(0.000215m, first.GetProperty("estimatedCostUsd").GetDecimal());

        var usage = await world.GetJsonAsync("/api/usage", token);
        Assert.Equal((1, 0, 49), (usage.GetProperty("used").GetInt32(), usage.GetProperty("reserved").GetInt32(), usage.GetProperty("remaining").GetInt32()));

        using var csv = await world.SendAsync(HttpMethod.Get, "/api/usage/history/export", token);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("id,time,outcome,key_source,provider,model,tokens_in,tokens_out,estimated_cost_usd,duration_seconds,charged_to", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{completed.Id},", lines[2], StringComparison.Ordinal);
        Assert.Contains(",completed,platform,openai,gpt-4.1,40,40,0.000215,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_counts_what_a_signed_in_buyer_has_left_and_warns_at_eighty_percent()
    {
        var token = await world.NewSubscriberAsync();
        var checkout = await world.GetJsonAsync("/api/billing/checkout", token, new { mode = "generation", quantity = 3 });
        await world.Stripe.CompleteCheckoutAsync(world.Stripe.SessionOfClaim(checkout.GetProperty("credit").GetString()!));
        Assert.Equal(3, (await world.GetJsonAsync("/api/usage", token)).GetProperty("credits").GetInt32());

        await world.SubscribeAsync(token, "basic");
        var client = new GenerationClient(world.Http, token);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await client.StartAsync()).Id);
        }

        foreach (var id in ids)
        {
            Assert.Equal(GenerationStatus.Completed, (await client.WaitForCompletionAsync(id)).Status);
        }

        var usage = await world.GetJsonAsync("/api/usage", token);
        Assert.Equal(8, usage.GetProperty("used").GetInt32());
        Assert.Contains("80%", Assert.Single(usage.GetProperty("alerts").EnumerateArray()).GetString(), StringComparison.Ordinal);
        var sent = Assert.Single(usage.GetProperty("notifications").EnumerateArray());
        Assert.Equal(("quota", "You have used 8 of 10 generations this period (80%)."), (sent.GetProperty("kind").GetString(), sent.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Usage_is_only_for_signed_in_callers()
    {
        using var response = await world.SendAsync(HttpMethod.Get, "/api/usage");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
