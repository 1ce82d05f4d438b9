using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Core.Privacy;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Scheduling;
using CrewBuilder.Core.Status;
using CrewBuilder.Core.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CrewBuilder.Functions;

public sealed class TimerFunctions(RetentionSweep retention, KekRotation kekRotation, KeyJanitor keyJanitor, QuotaJanitor quotaJanitor, UsageAnalytics analytics, OrgKeyRotation orgKeyRotation,
    AuditAnchoring auditAnchoring, WebhookService webhooks, DependencyProbe statusProbe, GenerationStarts owedStarts)
{
    [Function(nameof(RetentionSweep))]
    public Task RunRetentionSweep([TimerTrigger(Schedules.RetentionSweep)] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.RunAsync(cancellationToken);

    [Function(nameof(KekRotation))]
    public Task RunKekRotation([TimerTrigger(Schedules.KekRotation)] TimerInfo timer, CancellationToken cancellationToken) =>
        kekRotation.RotateAsync(cancellationToken);

    [Function(nameof(KeyJanitor))]
    public Task RunKeyJanitor([TimerTrigger(Schedules.KeyJanitor)] TimerInfo timer, CancellationToken cancellationToken) =>
        keyJanitor.RunAsync(cancellationToken);

    [Function(nameof(QuotaJanitor))]
    public Task RunQuotaJanitor([TimerTrigger(Schedules.QuotaJanitor)] TimerInfo timer, CancellationToken cancellationToken) =>
        quotaJanitor.RunAsync(cancellationToken);

    [Function(nameof(UsageAnomalyScan))]
    public Task UsageAnomalyScan([TimerTrigger(Schedules.UsageAnomalyScan)] TimerInfo timer, CancellationToken cancellationToken) =>
        analytics.ScanAsync(cancellationToken);

    [Function(nameof(OrgKeyRotation))]
    public Task RunOrgKeyRotation([TimerTrigger(Schedules.OrgKeyRotation)] TimerInfo timer, CancellationToken cancellationToken) =>
        orgKeyRotation.RunAsync(cancellationToken);

    [Function(nameof(AuditAnchoring))]
    public Task RunAuditAnchoring([TimerTrigger(Schedules.AuditCheckpoint)] TimerInfo timer, CancellationToken cancellationToken) =>
        auditAnchoring.RunAsync(cancellationToken);

    /// <summary>Also at start-up, so a restarted app's status page has figures at once; an extra probe rewrites its minute.</summary>
    [Function(nameof(Schedules.StatusProbe))]
    public Task RunStatusProbe([TimerTrigger(Schedules.StatusProbe, RunOnStartup = true)] TimerInfo timer, [DurableClient] DurableTaskClient durableClient, CancellationToken cancellationToken) =>
        statusProbe.RunAsync(new DurableTaskClientScheduler(durableClient), cancellationToken);

    /// <summary>Also at start-up: an instance that died between accepting a generation and starting its workflow is caught up at once.</summary>
    [Function(nameof(Schedules.OwedStarts))]
    public Task RunOwedStarts([TimerTrigger(Schedules.OwedStarts, RunOnStartup = true)] TimerInfo timer, [DurableClient] DurableTaskClient durableClient, CancellationToken cancellationToken) =>
        owedStarts.SweepAsync(new DurableTaskClientScheduler(durableClient), cancellationToken);

    [Function(nameof(Schedules.WebhookRetries))]
    public Task RunWebhookRetries([TimerTrigger(Schedules.WebhookRetries)] TimerInfo timer, CancellationToken cancellationToken) =>
        webhooks.RetryDueAsync(cancellationToken);
}
