using CrewBuilder.Core.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrewBuilder.Tests.Privacy;

public sealed class JobSchedulerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_job_runs_at_each_occurrence_of_its_schedule_and_a_failure_does_not_unschedule_it()
    {
        var time = new ObservedTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 29, 0, TimeSpan.Zero));
        var runs = new List<DateTimeOffset>();
        var ran = new SemaphoreSlim(0);
        var job = new ScheduledJob("test", Schedules.RetentionSweep, _ =>
        {
            runs.Add(time.GetUtcNow());
            ran.Release();
            return runs.Count == 1 ? throw new InvalidOperationException("first run fails") : Task.CompletedTask;
        });
        using var scheduler = new JobScheduler([job], time, NullLogger<JobScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);

        Assert.True(await time.TimerCreated.WaitAsync(Patience));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await ran.WaitAsync(Patience));
        Assert.True(await time.TimerCreated.WaitAsync(Patience));
        time.Advance(TimeSpan.FromDays(1));
        Assert.True(await ran.WaitAsync(Patience));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal([new DateTimeOffset(2026, 11, 25, 3, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 3, 30, 0, TimeSpan.Zero)], runs);
    }

    [Fact]
    public async Task A_job_that_runs_at_start_runs_once_before_its_first_occurrence_and_then_on_schedule()
    {
        var time = new ObservedTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 29, 10, TimeSpan.Zero));
        var runs = new List<DateTimeOffset>();
        var ran = new SemaphoreSlim(0);
        var job = new ScheduledJob("probe", Schedules.StatusProbe, _ =>
        {
            runs.Add(time.GetUtcNow());
            ran.Release();
            return Task.CompletedTask;
        }, RunAtStart: true);
        using var scheduler = new JobScheduler([job], time, NullLogger<JobScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);

        Assert.True(await ran.WaitAsync(Patience));
        Assert.True(await time.TimerCreated.WaitAsync(Patience));
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await ran.WaitAsync(Patience));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal([new DateTimeOffset(2026, 11, 25, 3, 29, 10, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 3, 30, 0, TimeSpan.Zero)], runs);
    }

    /// <summary>A fake clock that says when something starts waiting on it, so the test advances it only then.</summary>
    private sealed class ObservedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public SemaphoreSlim TimerCreated { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.Release();
            return timer;
        }
    }
}
