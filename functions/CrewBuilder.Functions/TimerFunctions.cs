using CrewBuilder.Core.Privacy;
using CrewBuilder.Core.Scheduling;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class TimerFunctions(RetentionSweep retention)
{
    [Function(nameof(RetentionSweep))]
    public Task RunRetentionSweep([TimerTrigger(Schedules.RetentionSweep)] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.RunAsync(cancellationToken);
}
