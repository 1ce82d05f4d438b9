using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Scheduling;

/// <summary>
/// A job the self-host runs on a schedule from <see cref="Schedules"/>, as the Functions app's timers do; with
/// <paramref name="RunAtStart"/> also once as the host starts (a timer's RunOnStartup).
/// </summary>
public sealed record ScheduledJob(string Name, string Schedule, Func<CancellationToken, Task> RunAsync, bool RunAtStart = false);

/// <summary>
/// The self-host's timers: each job waits for its next occurrence (UTC) on the <see cref="TimeProvider"/>,
/// runs, and waits again. A failed run is logged and the job stays scheduled.
/// </summary>
public sealed class JobScheduler(IEnumerable<ScheduledJob> jobs, TimeProvider time, ILogger<JobScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, stoppingToken)));

    private async Task RunOnScheduleAsync(ScheduledJob job, CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(job.Schedule, CronFormat.IncludeSeconds);
        if (job.RunAtStart)
        {
            await RunOnceAsync(job, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(job, stoppingToken);
        }
    }

    private async Task RunOnceAsync(ScheduledJob job, CancellationToken stoppingToken)
    {
        try
        {
            await job.RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Scheduled job {Job} failed; it runs again at its next occurrence", job.Name);
        }
    }
}
