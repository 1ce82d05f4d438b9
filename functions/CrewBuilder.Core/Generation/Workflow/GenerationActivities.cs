using System.Diagnostics;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Core.Generation.Template;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>
/// The activities of a generation: each does one step's work and records the step in the generation index.
/// Activities may run more than once (at-least-once delivery), so each is safe to repeat.
/// </summary>
public sealed class GenerationActivities(
    TemplateCrewDesigner designer,
    LlmCrewDesigner llmDesigner,
    KeyResolver keys,
    SavedKeys savedKeys,
    CrewProjectWriter writer,
    ProjectValidator validator,
    ProjectDocsWriter docs,
    GenerationStore generations,
    ArtifactStore artifacts,
    GenerationCharges charges,
    UsageLedger usage,
    Organisations.AuditLog audit,
    Organisations.OrgKeyRotation rotation,
    Organisations.OrganisationStore organisations,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    IOptions<LlmOptions> llmOptions,
    ILogger<GenerationActivities> logger)
{
    public Task<RequirementAnalysis> Analyse(GenerationInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Analyse, () => WithKeyOrTemplateAsync(input.Ref,
            target => llmDesigner.AnalyseAsync(target, input.Requirement, cancellationToken),
            () => designer.Analyse(input.Requirement), cancellationToken), cancellationToken);

    public Task<AgentRoster> DesignAgents(DesignAgentsInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.DesignAgents, () => WithKeyOrTemplateAsync(input.Ref,
            target => llmDesigner.DesignAgentsAsync(target, input.Analysis, cancellationToken),
            () => designer.DesignAgents(input.Analysis), cancellationToken), cancellationToken);

    public Task<TaskPlan> DesignTasks(DesignTasksInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.DesignTasks, () => WithKeyOrTemplateAsync(input.Ref,
            target => llmDesigner.DesignTasksAsync(target, input.Analysis, input.Roster, cancellationToken),
            () => designer.DesignTasks(input.Analysis, input.Roster), cancellationToken), cancellationToken);

    public Task<GeneratedProject> WriteCode(WriteCodeInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.WriteCode, () => writer.WriteCode(input.Design), cancellationToken);

    public Task<GeneratedProject> Validate(ProjectInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Validate, () =>
        {
            var problems = validator.Validate(input.Design, input.Project);
            return problems.Count == 0
                ? input.Project
                : throw new GenerationFailedException($"The generated project is not valid: {string.Join(" ", problems)}");
        }, cancellationToken);

    /// <summary>The documents; a generation on an organisation's key carries that organisation's branding (white-label).</summary>
    public Task<GeneratedProject> Document(ProjectInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Document, async () =>
        {
            var branding = input.Ref.Key?.OrganisationId is { } orgId ? (await organisations.FindAsync(orgId, cancellationToken))?.Branding : null;
            return docs.Document(input.Design, input.Project, input.Ref.Mode, branding);
        }, cancellationToken);

    public async Task<PackagedArtifact> Package(ProjectInput input, CancellationToken cancellationToken = default)
    {
        var artifact = await RunStepAsync(input.Ref, GenerationSteps.Package, async () =>
        {
            var blobName = ArtifactStore.BlobName(input.Ref);
            await artifacts.SaveAsync(blobName, ProjectPackager.Zip(input.Project, time.GetUtcNow()), cancellationToken);
            return new PackagedArtifact(blobName, input.Project.PackageName, [.. input.Project.Files.Select(file => new ArtifactFile(file.Path, System.Text.Encoding.UTF8.GetByteCount(file.Content)))]);
        }, cancellationToken);
        // Settled before the status says so, so whoever sees the generation end sees their quota right.
        await charges.CommitAsync(input.Ref.QuotaAccount, input.Ref.GenerationId, cancellationToken);
        var completed = await generations.CompletedAsync(input.Ref, artifact, cancellationToken);
        await usage.RecordAsync(completed, cancellationToken);
        await charges.RecordSpendAsync(completed, cancellationToken);
        await AuditKeyUseAsync(input.Ref, "completed", cancellationToken);
        await keys.ForgetAsync(input.Ref.GenerationId, input.Ref.Key, cancellationToken);
        CrewBuilderTelemetry.GenerationsFinished.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        logger.LogInformation("Generation {GenerationId} completed with {FileCount} files", input.Ref.GenerationId, artifact.Files.Count);
        return artifact;
    }

    public async Task<bool> RecordFailure(FailureInput input, CancellationToken cancellationToken = default)
    {
        await charges.ReleaseAsync(input.Ref.QuotaAccount, input.Ref.GenerationId, cancellationToken);
        var failed = await generations.FailedAsync(input.Ref, input.Step, input.Error, cancellationToken);
        await usage.RecordAsync(failed, cancellationToken);
        await charges.RecordSpendAsync(failed, cancellationToken);
        await AuditKeyUseAsync(input.Ref, "failed", cancellationToken);
        await keys.ForgetAsync(input.Ref.GenerationId, input.Ref.Key, cancellationToken);
        CrewBuilderTelemetry.GenerationsFinished.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        logger.LogWarning("Generation {GenerationId} failed at step {Step}", input.Ref.GenerationId, input.Step);
        return true;
    }

    /// <summary>
    /// The model's answer when the generation has a key (revealed here, in the activity, and nowhere else), else the
    /// template's. A key the provider refuses stops the generation at once, and a saved one is marked invalid.
    /// </summary>
    private async Task<T> WithKeyOrTemplateAsync<T>(
        GenerationRef generation, Func<LlmTarget, Task<T>> withModel, Func<T> withTemplate, CancellationToken cancellationToken)
    {
        if (generation.Key is not { } selection)
        {
            return withTemplate();
        }

        try
        {
            var answer = await withModel(Target(generation, selection, await keys.RevealAsync(generation.GenerationId, generation.TenantId, selection, cancellationToken)));
            if (StoredKeyOwner(generation, selection) is { } owner)
            {
                await savedKeys.RecordUseAsync(owner, selection.Provider, cancellationToken);
            }

            return answer;
        }
        catch (ProviderKeyRejectedException rejected)
        {
            if (StoredKeyOwner(generation, selection) is { } owner)
            {
                await savedKeys.RecordTestAsync(owner, selection.Provider, KeyTestOutcome.Invalid, cancellationToken);
            }

            return await WithFallbackKeyAsync(generation, selection, withModel, rejected, cancellationToken);
        }
    }

    /// <summary>
    /// An organisation whose new key the provider refuses falls back on its previous key while the grace period of
    /// the rotation lasts (audited); anyone else's generation stops with the provider's verdict.
    /// </summary>
    private async Task<T> WithFallbackKeyAsync<T>(
        GenerationRef generation, KeySelection selection, Func<LlmTarget, Task<T>> withModel, ProviderKeyRejectedException rejected, CancellationToken cancellationToken)
    {
        if (selection is not { Source: KeySource.Organisation, OrganisationId: { } orgId }
            || await rotation.FallbackAsync(orgId, selection.Provider, cancellationToken) is not { } previousKey)
        {
            throw new GenerationFailedException(rejected.Message);
        }

        await audit.AppendAsync(orgId, generation.TenantId, "key.fallback", $"previous {selection.Provider} key for generation {generation.GenerationId}", null, "ok", cancellationToken);
        try
        {
            return await withModel(Target(generation, selection, previousKey));
        }
        catch (ProviderKeyRejectedException again)
        {
            throw new GenerationFailedException(again.Message);
        }
    }

    private LlmTarget Target(GenerationRef generation, KeySelection selection, string key) =>
        new(selection.Provider, generation.Model ?? ModelChoice.Choose(selection, Billing.ModelTier.Standard, null, llmOptions.Value).Model!, key);

    /// <summary>Whose stored key the generation uses: the person's saved key, or their organisation's; null for any other.</summary>
    private static string? StoredKeyOwner(GenerationRef generation, KeySelection selection) => selection.Source switch
    {
        KeySource.Saved => generation.TenantId,
        KeySource.Organisation => selection.OrganisationId,
        _ => null,
    };

    /// <summary>An organisation's key was used: its audit log says by whom, for which generation, and how it ended.</summary>
    private Task AuditKeyUseAsync(GenerationRef generation, string outcome, CancellationToken cancellationToken) =>
        generation.Key is { Source: KeySource.Organisation, OrganisationId: { } orgId } key
            ? audit.AppendAsync(orgId, generation.TenantId, "key.use", $"{key.Provider} for generation {generation.GenerationId}", null, outcome, cancellationToken)
            : Task.CompletedTask;

    private Task<T> RunStepAsync<T>(GenerationRef generation, string step, Func<T> work, CancellationToken cancellationToken) =>
        RunStepAsync(generation, step, () => Task.FromResult(work()), cancellationToken);

    private async Task<T> RunStepAsync<T>(GenerationRef generation, string step, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        using var span = CrewBuilderTelemetry.Source.StartActivity($"generation {step}");
        span?.SetTag("crewbuilder.generation.id", generation.GenerationId);
        span?.SetTag("crewbuilder.generation.step", step);
        var started = time.GetTimestamp();
        await generations.StepStartedAsync(generation, step, cancellationToken);
        var delay = options.Value.TemplateStepDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }

        using var meter = LlmUsageMeter.Start();
        var result = await work();
        await generations.StepCompletedAsync(generation, step, meter.Total, cancellationToken);
        CrewBuilderTelemetry.StepDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", step));
        logger.LogInformation("Generation {GenerationId} finished step {Step}", generation.GenerationId, step);
        return result;
    }
}
