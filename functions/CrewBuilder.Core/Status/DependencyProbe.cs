using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Status;

/// <summary>
/// The status page's probe, run every minute by both hosts' timers: one cheap real call to each dependency through the
/// client CrewBuilder uses for it, timed, and kept in <see cref="ServiceHistory"/>; then the closed hours are rolled up.
/// A round that cannot be written (storage itself is down) is held here and written with the next round that can.
/// </summary>
public sealed class DependencyProbe(
    TableServiceClient tables,
    BlobServiceClient blobs,
    ISecretVault vault,
    StripeGateway stripe,
    IOptions<StripeOptions> stripeOptions,
    ProviderKeyTester modelKeys,
    PlatformKeys platformKeys,
    ServerKeys serverKeys,
    ServiceHistory history,
    TimeProvider time,
    IOptions<StatusOptions> options,
    ILogger<DependencyProbe> logger)
{
    /// <summary>A day of rounds at most; older unwritten ones are dropped.</summary>
    private const int MaxUnwritten = 24 * 60;

    /// <summary>Asked for by the task hub and vault probes: it never exists, so the answer is a cheap "not found".</summary>
    private const string AbsentName = "crewbuilder-status-probe";

    private readonly ConcurrentQueue<ProbeRound> unwritten = new();

    /// <param name="scheduler">The host's durable client, whose task hub is probed.</param>
    public async Task<ProbeRound> RunAsync(IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var readings = await Task.WhenAll(Checks(scheduler).Select(check => MeasureAsync(check.Dependency, check.Probe, cancellationToken)));
        var round = new ProbeRound(at, readings);
        unwritten.Enqueue(round);
        if (await WriteAsync(cancellationToken))
        {
            await history.RollUpAsync(cancellationToken);
        }

        return round;
    }

    private IEnumerable<(Dependency Dependency, Func<CancellationToken, Task<bool>>? Probe)> Checks(IGenerationScheduler scheduler) =>
    [
        (Dependencies.Tables, Answers(token => tables.GetPropertiesAsync(token))),
        (Dependencies.Blobs, Answers(token => blobs.GetPropertiesAsync(cancellationToken: token))),
        (Dependencies.TaskHub, Answers(token => scheduler.ProgressAsync(AbsentName, token))),
        (Dependencies.KeyVault, Answers(token => vault.GetAsync(AbsentName, null, token))),
        (Dependencies.Stripe, stripeOptions.Value.IsConfigured ? Answers(stripe.ProbeAsync) : null),
        (Dependencies.OpenAi, ModelProvider(Providers.OpenAi)),
        (Dependencies.Anthropic, ModelProvider(Providers.Anthropic)),
    ];

    /// <summary>The provider lists its models for CrewBuilder's own key (the platform's, else the self-hosted server's); no key, not set up.</summary>
    private Func<CancellationToken, Task<bool>>? ModelProvider(string provider) =>
        (platformKeys.For(provider) ?? serverKeys.For(provider)) is { } key
            ? async token => await modelKeys.TestAsync(provider, key, token) == KeyTestOutcome.Connected
            : null;

    private static Func<CancellationToken, Task<bool>> Answers(Func<CancellationToken, Task> call) => async token =>
    {
        await call(token);
        return true;
    };

    private async Task<DependencyReading> MeasureAsync(Dependency dependency, Func<CancellationToken, Task<bool>>? probe, CancellationToken cancellationToken)
    {
        if (probe is null)
        {
            return new DependencyReading(dependency.Id, DependencyState.NotConfigured, null);
        }

        using var timeout = new CancellationTokenSource(options.Value.ProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = time.GetTimestamp();
        bool answered;
        try
        {
            answered = await probe(linked.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, the dependency did not answer; the type is enough (a message may quote a request).
            logger.LogWarning("The status probe of {Dependency} failed with {ErrorType}", dependency.Id, e.GetType().Name);
            answered = false;
        }

        var elapsed = time.GetElapsedTime(started);
        var state = !answered ? DependencyState.Down : elapsed > options.Value.DegradedAfter ? DependencyState.Degraded : DependencyState.Up;
        return new DependencyReading(dependency.Id, state, (int)Math.Round(elapsed.TotalMilliseconds));
    }

    /// <summary>Writes the rounds not yet written, oldest first; false when storage refused one.</summary>
    private async Task<bool> WriteAsync(CancellationToken cancellationToken)
    {
        while (unwritten.TryPeek(out var round))
        {
            try
            {
                await history.RecordAsync(round, cancellationToken);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
            {
                logger.LogWarning(e, "The status probe's round of {Minute} could not be written; it is kept for the next round", round.At);
                while (unwritten.Count > MaxUnwritten && unwritten.TryDequeue(out _))
                {
                }

                return false;
            }

            unwritten.TryDequeue(out _);
        }

        return true;
    }
}
