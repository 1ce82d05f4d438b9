using CrewBuilder.Tests.Support;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace CrewBuilder.Benchmarks;

/// <summary>A bare DurableTask worker on the same backend: one orchestrator that calls a no-op activity n times.</summary>
internal sealed class BareEngine(TaskHubWorker worker, TaskHubClient client) : IAsyncDisposable
{
    public static async Task<BareEngine> StartAsync(AzuriteServer azurite)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = AzuriteServer.UniqueName("bare"),
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
            PartitionCount = 1,
            UseTablePartitionManagement = true,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            ExtendedSessionsEnabled = true,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(30),
        });
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(typeof(BareOrchestration));
        worker.AddTaskActivities(typeof(NoOpActivity));
        await worker.StartAsync();
        return new BareEngine(worker, new TaskHubClient(service));
    }

    /// <summary>One orchestration of <paramref name="steps"/> no-op activities: created to completed, in ms.</summary>
    public async Task<double> RunAsync(int steps)
    {
        var instance = await client.CreateOrchestrationInstanceAsync(typeof(BareOrchestration), steps);
        var state = await client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(2));
        return (state.CompletedTime - state.CreatedTime).TotalMilliseconds;
    }

    /// <summary>Starts an orchestration of <paramref name="steps"/> no-op activities and returns once the task hub has it, as an acceptance does.</summary>
    public Task StartAsync(int steps) => client.CreateOrchestrationInstanceAsync(typeof(BareOrchestration), steps);

    public async ValueTask DisposeAsync() => await worker.StopAsync(isForced: true);

    private sealed class BareOrchestration : TaskOrchestration<int, int>
    {
        public override async Task<int> RunTask(OrchestrationContext context, int input)
        {
            for (var step = 0; step < input; step++)
            {
                await context.ScheduleTask<int>(typeof(NoOpActivity), step);
            }

            return input;
        }
    }

    private sealed class NoOpActivity : TaskActivity<int, int>
    {
        protected override int Execute(TaskContext context, int input) => input;
    }
}
