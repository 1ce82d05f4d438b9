using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Host.Durable;

/// <summary>
/// Runs the generation workflow in this process on DurableTask.Core with the Azure Storage backend,
/// so a generation survives a restart of the self-host just as it does in the Functions app.
/// </summary>
internal sealed class DurableWorkflowHost(
    AzureStorageOrchestrationService orchestrationService,
    GenerationActivities activities,
    ILoggerFactory loggerFactory,
    ILogger<DurableWorkflowHost> logger) : IHostedService, IDisposable
{
    private readonly Lock stopLock = new();
    private TaskHubWorker? worker;
    private Task? stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await orchestrationService.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        var shims = new DurableTaskShimFactory(loggerFactory: loggerFactory);
        worker = new TaskHubWorker(orchestrationService, loggerFactory);
        worker.AddTaskOrchestrations(new ShimCreator<TaskOrchestration>(GenerationOrchestration.Name, () =>
            shims.CreateOrchestration(GenerationOrchestration.Name, FuncTaskOrchestrator.Create<GenerationInput, PackagedArtifact?>(
                (context, input) => GenerationOrchestration.RunAsync(context, input!)))));
        worker.AddTaskActivities([.. MethodActivity.All(activities)
            .Select(activity => new ShimCreator<TaskActivity>(activity.Name, () => shims.CreateActivity(activity.Name, activity)))]);
        await worker.StartAsync().WaitAsync(cancellationToken);
        logger.LogInformation("Durable workflow worker started");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (worker is null)
        {
            return;
        }

        // One stop, however often the host asks; the worker is disposed only once it has finished stopping.
        lock (stopLock)
        {
            stopping ??= worker.StopAsync(isForced: false);
        }

        try
        {
            await stopping.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Work in flight stays in its queues and is picked up again at the next start.
            logger.LogWarning("The durable workflow worker did not stop within the shutdown timeout; unfinished work resumes at the next start");
        }
    }

    public void Dispose()
    {
        if (stopping is null or { IsCompleted: true })
        {
            worker?.Dispose();
        }
    }
}

internal sealed class TaskHubClientScheduler(TaskHubClient client) : IGenerationScheduler
{
    public Task ScheduleAsync(GenerationInput input, CancellationToken cancellationToken) =>
        client.CreateOrchestrationInstanceAsync(GenerationOrchestration.Name, "", input.Ref.GenerationId, input).WaitAsync(cancellationToken);

    public async Task<bool> ExistsAsync(string generationId, CancellationToken cancellationToken) =>
        await client.GetOrchestrationStateAsync(generationId).WaitAsync(cancellationToken) is not null;

    public async Task<WorkflowProgress?> ProgressAsync(string generationId, CancellationToken cancellationToken) =>
        await client.GetOrchestrationStateAsync(generationId).WaitAsync(cancellationToken) is { Status: { Length: > 0 } status }
            ? Microsoft.DurableTask.Converters.JsonDataConverter.Default.Deserialize<WorkflowStatus>(status)?.Progress
            : null;

    public Task CancelAsync(string generationId, CancellationToken cancellationToken) =>
        client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = generationId }, "cancelled").WaitAsync(cancellationToken);
}

internal static class DurableWorkflowRegistration
{
    public static IServiceCollection AddDurableWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DurableWorkflowOptions>().Bind(configuration.GetSection(DurableWorkflowOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DurableWorkflowOptions>>().Value;
            return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                TaskHubName = options.TaskHub,
                StorageAccountClientProvider = StorageAccount(configuration),
                PartitionCount = options.PartitionCount,
                UseTablePartitionManagement = true,
                ControlQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
                WorkItemQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
                MaxQueuePollingInterval = options.MaxQueuePollingInterval,
                // A running generation's orchestrator stays in memory between its steps instead of replaying its
                // history (with the project files in it) from storage at every step.
                ExtendedSessionsEnabled = true,
                ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(30),
                LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
            });
        });
        services.AddSingleton(provider => new TaskHubClient(
            provider.GetRequiredService<AzureStorageOrchestrationService>(),
            new SystemTextJsonDataConverter(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IGenerationScheduler, TaskHubClientScheduler>();
        services.AddHostedService<DurableWorkflowHost>();
        return services;
    }

    private static StorageAccountClientProvider StorageAccount(IConfiguration configuration) =>
        configuration[Core.Storage.StorageConnection.SettingName] is { Length: > 0 } connectionString
            ? new StorageAccountClientProvider(connectionString)
            : new StorageAccountClientProvider(
                configuration[$"{Core.Storage.StorageConnection.SettingName}:accountName"]
                    ?? throw new InvalidOperationException("Storage is not configured: set AzureWebJobsStorage."),
                new Azure.Identity.DefaultAzureCredential());
}
