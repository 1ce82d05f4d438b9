using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// A network and a provider that fail as real ones do, met through the real OpenAI SDK: connections dropped mid-call,
/// refused, 5xx, a model the key cannot use, a request the provider does not accept. What can pass is tried again on
/// the workflow's durable timers; what cannot is reported by what the provider said, never by its message text.
/// </summary>
public sealed class ProviderFaultTests(LlmWorld world) : IClassFixture<LlmWorld>
{
    [Fact]
    public async Task A_connection_dropped_before_the_answer_is_tried_again_and_the_generation_completes()
    {
        var done = await world.GenerateWithFaultAsync("#dropped-once");

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.Equal(2, world.CallsWith("#dropped-once", "[step:analyse]"));
    }

    [Fact]
    public async Task A_network_that_drops_one_call_in_four_still_completes_the_generation()
    {
        var before = world.Providers.DroppedConnections;

        var done = await world.GenerateWithFaultAsync("#lossy-network");

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        var dropped = world.Providers.DroppedConnections - before;
        Assert.True(dropped > 0, "the stand-in dropped no connection");
        // Every answer the stand-in served (10 tokens in, 10 out each) is in the generation's count, and nothing else.
        var served = world.CallsWith("#lossy-network") - dropped;
        Assert.Equal((10L * served, 10L * served), (done.Cost!.TokensIn, done.Cost.TokensOut));
    }

    [Fact]
    public async Task Server_errors_are_tried_again_and_the_generation_completes()
    {
        var done = await world.GenerateWithFaultAsync("#server-errors");

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.Equal(3, world.CallsWith("#server-errors", "[step:analyse]"));
    }

    [Fact]
    public async Task A_model_the_key_cannot_use_is_named_at_once_and_not_retried()
    {
        var done = await world.GenerateWithFaultAsync("#no-such-model");

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Equal("OpenAI has no model 'gpt-4o-mini' for this key (HTTP 404): choose another model, or check the key's project.", done.Error);
        Assert.Equal(1, world.CallsWith("#no-such-model"));
    }

    [Fact]
    public async Task A_request_the_provider_does_not_accept_is_reported_by_its_error_code_and_parameter_not_its_text()
    {
        var done = await world.GenerateWithFaultAsync("#bad-request");

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Equal("OpenAI did not accept the request (HTTP 400: invalid_request_error, integer_above_max_value, parameter 'max_tokens').", done.Error);
        Assert.DoesNotContain(world.App.Logs, line => line.Contains("my secret plan", StringComparison.Ordinal) && !line.Contains("[step:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_nobody_can_reach_fails_after_every_attempt_naming_its_host()
    {
        var closed = $"127.0.0.1:{FreePort.Next()}";
        using var app = new SelfHostFactory
        {
            Settings = { ["OPENAI_API_KEY"] = ProviderStandIn.ValidOpenAiKey, ["OPENAI_BASE_URL"] = $"http://{closed}/v1", ["Llm:Timeout"] = "00:00:05" },
        };
        var client = new GenerationClient(app.CreateClient());

        var done = await client.WaitForCompletionAsync((await client.StartAsync()).Id);

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Equal($"Could not reach {closed} after 6 attempts; try again later.", done.Error);
    }
}
