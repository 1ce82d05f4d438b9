using System.Diagnostics;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation.Design;
using CrewBuilder.Core.Generation.Gate;
using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Core.Generation.Template;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Organisations.Management;
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
    ProjectChecks checks,
    ICrewSandbox sandbox,
    ProjectDocsWriter docs,
    DeploymentWriter deployment,
    GenerationStore generations,
    ArtifactStore artifacts,
    GenerationCharges charges,
    GenerationSettlement settlement,
    GenerationFailures failures,
    Organisations.AuditLog audit,
    OrgKeyRotation rotation,
    Organisations.OrganisationStore organisations,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    IOptions<LlmOptions> llmOptions,
    ILogger<GenerationActivities> logger)
{
    public Task<StepOutcome<RequirementAnalysis>> Analyse(GenerationInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Analyse, () => WithKeyOrTemplateAsync(input.Ref, ModelTier.Standard,
            target => llmDesigner.AnalyseAsync(target, input.Requirement, cancellationToken),
            () => designer.Analyse(input.Requirement), cancellationToken), StepSummaries.Analysed, cancellationToken);

    public Task<StepOutcome<FeasibilityReport>> AssessIntegrations(FeasibilityInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Feasibility, () => WithKeyOrTemplateAsync(input.Ref, ModelTier.Standard,
            target => llmDesigner.AssessIntegrationsAsync(target, input.Requirement, input.Systems, cancellationToken),
            () => designer.AssessIntegrations(input.Requirement), cancellationToken), StepSummaries.Assessed, cancellationToken);

    public Task<StepOutcome<AgentRoster>> DesignAgents(DesignAgentsInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.DesignAgents, () => WithKeyOrTemplateAsync(input.Ref, ModelTier.Advanced,
            target => llmDesigner.DesignAgentsAsync(target, input.Analysis, input.Feasibility, cancellationToken),
            () => designer.DesignAgents(input.Analysis, input.Feasibility), cancellationToken), StepSummaries.Designed, cancellationToken);

    public Task<StepOutcome<TaskPlan>> DesignTasks(DesignTasksInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.DesignTasks, () => WithKeyOrTemplateAsync(input.Ref, ModelTier.Standard,
            target => llmDesigner.DesignTasksAsync(target, input.Analysis, input.Roster, cancellationToken),
            () => designer.DesignTasks(input.Analysis, input.Roster), cancellationToken),
            plan => StepSummaries.Planned(plan, input.Analysis), cancellationToken);

    /// <summary>One custom tool's body, written by the model beside the other tools' (and the task plan).</summary>
    public Task<StepOutcome<CustomTool>> WriteToolBody(WriteToolInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.WriteCode, () => WithKeyOrTemplateAsync(input.Ref, ModelTier.Standard,
            async target => await llmDesigner.WriteToolBodyAsync(target, input.Analysis, input.Tool, cancellationToken) is { } body ? input.Tool with { RunBody = body } : input.Tool,
            () => input.Tool, cancellationToken), StepSummaries.ToolWritten, cancellationToken);

    public Task<StepOutcome<CodeResult>> WriteCode(WriteCodeInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.WriteCode, () => CodeAsync(input, cancellationToken), StepSummaries.Coded, cancellationToken);

    /// <summary>A repair round: the code step again, with the review's findings; counted under the review step, which it serves.</summary>
    public Task<StepOutcome<CodeResult>> Repair(WriteCodeInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync<CodeResult>(input.Ref, GenerationSteps.Review, () => CodeAsync(input, cancellationToken),
            _ => $"Repairing {input.Findings.Count} finding{(input.Findings.Count == 1 ? "" : "s")} from the review…", cancellationToken);

    /// <summary>The deterministic checks of the project; a failed check on the last chance fails the generation.</summary>
    public Task<StepOutcome<ReviewReport>> Review(ReviewInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Review, async () =>
        {
            var report = new ReviewReport(input.Round, await checks.RunAsync(input.Design, input.Project, cancellationToken), null, checks.PythonChecker);
            return input.LastChance && !report.ChecksPassed
                ? throw new GenerationFailedException($"The generated project did not pass review: {string.Join(" ", report.Findings.Take(3))}")
                : report;
        }, StepSummaries.Reviewed, cancellationToken);

    /// <summary>The model's review of the design, beside the deterministic checks (it needs only the design).</summary>
    public Task<StepOutcome<ModelReview>> ReviewWithModel(ModelReviewInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Review, () => WithKeyOrTemplateAsync(input.Ref, ModelTier.Advanced,
            target => llmDesigner.ReviewAsync(target, input.Design, cancellationToken),
            () => throw new InvalidOperationException("A generation without a model has no model review."), cancellationToken),
            StepSummaries.ModelReviewed, cancellationToken);

    /// <summary>
    /// The runnable gate: the reviewed project built, tested and run once against a stand-in model in the sandbox. A
    /// failure on the last chance fails the generation, which releases its charge.
    /// </summary>
    public Task<StepOutcome<GateResult>> Gate(GateInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Gate, async () =>
        {
            var package = input.Project.PackageName;
            var result = await sandbox.RunAsync(
                new GateRequest($"{input.Ref.GenerationId}-{input.Round}", package, Naming.Pascal(package), input.Project.Files), cancellationToken);
            logger.LogInformation("Generation {GenerationId} gate in {Sandbox}: {Verdict}", input.Ref.GenerationId, sandbox.Name, result.Verdict);
            return input.LastChance && result.Failed
                ? throw new GenerationFailedException($"The generated crew did not pass the runnable gate: {string.Join(" ", result.Errors.Take(3))}")
                : result;
        }, StepSummaries.Gated, cancellationToken);

    /// <summary>The documents; a generation on an organisation's key carries that organisation's branding (white-label).</summary>
    public Task<StepOutcome<IReadOnlyList<ProjectFile>>> Document(DocumentInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Document, async () =>
        {
            var org = input.Ref.Key?.OrganisationId is { } orgId ? await organisations.FindAsync(orgId, cancellationToken) : null;
            var branding = org?.Branding ?? (input.Ref.WhiteLabel && org is not null ? new Organisations.OrgBranding(org.Name, null, null, null) : null);
            return docs.Document(input.Design, input.Ref.Mode, input.Review, branding, input.Ref.Layout, input.Ref.WhiteLabel);
        }, StepSummaries.Documented, cancellationToken);

    public Task<StepOutcome<IReadOnlyList<ProjectFile>>> Deploy(DeployInput input, CancellationToken cancellationToken = default) =>
        RunStepAsync(input.Ref, GenerationSteps.Deploy, () => deployment.Deploy(input.Design, input.Ref.Layout), StepSummaries.Deployable, cancellationToken);

    private async Task<CodeResult> CodeAsync(WriteCodeInput input, CancellationToken cancellationToken)
    {
        var design = await WithKeyOrTemplateAsync(input.Ref, ModelTier.Standard,
            target => llmDesigner.WriteCodeAsync(target, input.Design, input.Findings, cancellationToken), () => input.Design, cancellationToken);
        return new CodeResult(design, writer.WriteCode(design, input.Ref.GenerationId, input.Ref.Layout));
    }

    /// <summary>The zip; the package step's record is the generation's completion, with every step's progress.</summary>
    public async Task<StepOutcome<PackagedArtifact>> Package(ProjectInput input, CancellationToken cancellationToken = default)
    {
        var packaged = await RunStepAsync(input.Ref, GenerationSteps.Package, async () =>
        {
            var blobName = ArtifactStore.BlobName(input.Ref);
            await artifacts.SaveAsync(blobName, ProjectPackager.Zip(input.Project, time.GetUtcNow()), cancellationToken);
            return new PackagedArtifact(
                blobName, input.Project.PackageName, [.. input.Project.Files.Select(file => new ArtifactFile(file.Path, System.Text.Encoding.UTF8.GetByteCount(file.Content)))],
                ProjectSummaries.Of(input.Design));
        }, StepSummaries.Packaged, cancellationToken);
        var generation = input.Ref;
        // Settled before the status says so, so whoever sees the generation end sees their quota and spend right.
        var progress = input.Progress.Recorded(GenerationSteps.Package, packaged.Record, complete: true, time.GetUtcNow());
        await charges.CommitAsync(generation.QuotaAccount, generation.GenerationId, cancellationToken);
        await charges.RecordSpendAsync(generation.TenantId, generation.GenerationId, generation.Key, progress.CostUsd, cancellationToken);
        await settlement.ForgetKeyAsync(generation, cancellationToken);
        await settlement.SettleAsync(generation, await generations.CompletedAsync(generation, packaged.Value, progress, cancellationToken), cancellationToken);
        logger.LogInformation("Generation {GenerationId} completed with {FileCount} files", generation.GenerationId, packaged.Value.Files.Count);
        return packaged;
    }

    public async Task<bool> RecordFailure(FailureInput input, CancellationToken cancellationToken = default)
    {
        await failures.FailAsync(input.Ref, input.Error, input.Progress, cancellationToken);
        logger.LogWarning("Generation {GenerationId} failed at step {Step}", input.Ref.GenerationId, input.Step);
        return true;
    }

    /// <summary>
    /// The model's answer when the generation has a key (revealed here, in the activity, and nowhere else), else the
    /// template's. A key the provider refuses stops the generation at once, and a saved one is marked invalid.
    /// </summary>
    private async Task<T> WithKeyOrTemplateAsync<T>(
        GenerationRef generation, ModelTier tier, Func<LlmTarget, Task<T>> withModel, Func<T> withTemplate, CancellationToken cancellationToken)
    {
        if (generation.Key is not { } selection)
        {
            return withTemplate();
        }

        try
        {
            var key = await keys.RevealAsync(generation.GenerationId, generation.TenantId, selection, cancellationToken)
                ?? throw new GenerationFailedException(KeyResolver.NoLongerAvailable(selection));
            var endpoint = await keys.EndpointAsync(selection, cancellationToken);
            if (selection.Dedicated && endpoint is null)
            {
                throw new GenerationFailedException(KeyResolver.NoLongerAvailable(selection));
            }

            var answer = await withModel(Target(generation, selection, tier, key) with { Endpoint = endpoint });
            if (StoredKeyOwner(generation, selection) is { } owner)
            {
                await savedKeys.RecordUseAsync(owner, selection.Provider, cancellationToken);
            }

            return answer;
        }
        catch (Organisations.OrgVaultUnavailableException unavailable)
        {
            throw new GenerationFailedException(unavailable.Message);
        }
        catch (ProviderKeyRejectedException rejected)
        {
            if (StoredKeyOwner(generation, selection) is { } owner)
            {
                await savedKeys.RecordTestAsync(owner, selection.Provider, KeyTestOutcome.Invalid, cancellationToken);
            }

            return await WithFallbackKeyAsync(generation, selection, tier, withModel, rejected, cancellationToken);
        }
    }

    /// <summary>
    /// An organisation whose new key the provider refuses falls back on its previous key while the grace period of
    /// the rotation lasts (audited); anyone else's generation stops with the provider's verdict.
    /// </summary>
    private async Task<T> WithFallbackKeyAsync<T>(
        GenerationRef generation, KeySelection selection, ModelTier tier, Func<LlmTarget, Task<T>> withModel, ProviderKeyRejectedException rejected, CancellationToken cancellationToken)
    {
        if (selection is not { Source: KeySource.Organisation, OrganisationId: { } orgId, Dedicated: false }
            || await rotation.FallbackAsync(orgId, selection.Provider, cancellationToken) is not { } previousKey)
        {
            throw new GenerationFailedException(rejected.Message);
        }

        await audit.AppendAsync(orgId, generation.TenantId, "key.fallback", $"previous {selection.Provider} key for generation {generation.GenerationId}", null, "ok", cancellationToken);
        try
        {
            return await withModel(Target(generation, selection, tier, previousKey));
        }
        catch (ProviderKeyRejectedException again)
        {
            throw new GenerationFailedException(again.Message);
        }
    }

    /// <summary>The architecture and review steps run on the generation's model; the others on its standard model when it has one.</summary>
    private LlmTarget Target(GenerationRef generation, KeySelection selection, ModelTier tier, string key) =>
        new(selection.Provider,
            (tier == ModelTier.Standard ? generation.StandardModel : null) ?? generation.Model ?? ModelChoice.Default(selection, ModelTier.Standard, llmOptions.Value),
            key);

    /// <summary>Whose stored provider key the generation uses: the person's saved key, or their organisation's; null for any other.</summary>
    private static string? StoredKeyOwner(GenerationRef generation, KeySelection selection) => selection.Source switch
    {
        KeySource.Saved => generation.TenantId,
        KeySource.Organisation when !selection.Dedicated => selection.OrganisationId,
        _ => null,
    };

    /// <summary>
    /// Runs one step's work: its result, with a line for people and the tokens its model calls spent, which the
    /// workflow adds to its progress.
    /// </summary>
    private async Task<StepOutcome<T>> RunStepAsync<T>(
        GenerationRef generation, string step, Func<Task<T>> work, Func<T, string> summarise, CancellationToken cancellationToken)
    {
        using var span = CrewBuilderTelemetry.Source.StartActivity($"generation {step}");
        span?.SetTag("crewbuilder.generation.id", generation.GenerationId);
        span?.SetTag("crewbuilder.generation.step", step);
        var started = time.GetTimestamp();
        using var meter = LlmUsageMeter.Start();
        T result;
        try
        {
            result = await WorkAsync(work, cancellationToken);
        }
        catch (GenerationFailedException failed)
        {
            throw new GenerationFailedException(FailedAttemptSpend.Append(failed.Message, meter.Total));
        }
        catch (ProviderUnavailableException unavailable)
        {
            throw new ProviderUnavailableException(FailedAttemptSpend.Append(unavailable.Message, meter.Total));
        }

        var spent = meter.Total;
        var record = new StepRecord(
            summarise(result), spent.Model, spent.Input, spent.Output, Billing.ModelPrices.EstimateUsd(spent.Model, spent.Input, spent.Output));
        CrewBuilderTelemetry.StepDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", step));
        logger.LogInformation("Generation {GenerationId} finished step {Step}", generation.GenerationId, step);
        return new StepOutcome<T>(result, record);
    }

    /// <summary>The step's work, after the pause that template mode may be configured to take so its progress can be followed.</summary>
    private async Task<T> WorkAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var delay = options.Value.TemplateStepDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }

        return await work();
    }

    private Task<StepOutcome<T>> RunStepAsync<T>(GenerationRef generation, string step, Func<T> work, Func<T, string> summarise, CancellationToken cancellationToken) =>
        RunStepAsync(generation, step, () => Task.FromResult(work()), summarise, cancellationToken);
}
