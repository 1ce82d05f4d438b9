using System.Diagnostics;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Generation.Requests;

/// <summary>
/// What a caller asked for: the requirement and, optionally, which key (a per-generation key arrives encrypted) and
/// a paid one-off generation's claim to spend; <paramref name="SiteHost"/> is the host the request came to (a white-label
/// hostname makes the organisation behind it pay).
/// </summary>
public sealed record GenerationRequestOptions(
    string Requirement, string? KeySource = null, string? Provider = null, string? EncryptedKey = null, string? Credit = null, string? Model = null,
    string? ClarificationId = null, string? ClarificationToken = null, string? TemplateId = null, string? ParentId = null, string? Instruction = null, string? ParentToken = null,
    string? OrgId = null, string? Layout = null, string? SiteHost = null);

/// <summary>
/// What callers can do with generations: start one, follow it, list theirs, download the project.
/// Every read is scoped to the caller's tenant; anonymous generations also need their access token.
/// </summary>
public sealed class GenerationService(
    GenerationStore generations, ArtifactStore artifacts, FixedWindowCounters counters, KeyResolver keys, KeySlots slots, GenerationCharges charges,
    GenerationSettlement settlement, AccessTokens accessTokens, GenerationStarts starts,
    OrganisationGenerations organisationGenerations, Clarification.ClarificationService clarifications, Templates.TemplateService templates,
    Organisations.WhiteLabel.WhiteLabelSites sites,
    IOptions<GenerationOptions> options, IOptions<LlmOptions> llmOptions, TimeProvider time, ILogger<GenerationService> logger)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromHours(1);

    public async Task<StartResult> StartAsync(
        Caller caller, GenerationRequestOptions request, IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        switch (await RequirementAsync(caller, request, cancellationToken))
        {
            case RequirementSource.NotVisible notVisible:
                return new StartResult.Refused.SourceNotFound(notVisible.What);
            case RequirementSource.Found found:
                // A refinement keeps its original's layout unless it asks for another.
                request = request with { Requirement = found.Requirement, Layout = request.Layout ?? found.Layout?.Name() };
                break;
            default:
                throw new UnreachableException();
        }

        // Everything the decision needs is read side by side: what may pay, which site the request came to, the keys
        // the caller could use, and the hourly count (taken now, so a refused request counts too).
        var rateLimiting = RateLimitedAsync(caller, cancellationToken);
        var entitling = charges.EntitleAsync(caller, request.Credit, cancellationToken);
        var choosing = ChooseKeyAsync(caller, request, entitling, cancellationToken);
        Entitlement entitlement;
        switch (await entitling)
        {
            case EntitlementResult.Refused refused:
                Observe(choosing, rateLimiting);
                return new StartResult.Refused.Charge(refused.Problem);
            case EntitlementResult.Entitled entitled:
                entitlement = entitled.Entitlement;
                break;
            default:
                throw new UnreachableException();
        }

        var (choiceResult, site) = await choosing;
        KeyChoice choice;
        switch (choiceResult)
        {
            case KeyChoiceResult.Refused refused:
                Observe(rateLimiting);
                return new StartResult.Refused.Key(refused.Problem);
            case KeyChoiceResult.OrganisationRefused refused:
                Observe(rateLimiting);
                return new StartResult.Refused.Organisation(refused.Member);
            case KeyChoiceResult.Chosen chosen:
                choice = chosen.Choice;
                break;
            default:
                throw new UnreachableException();
        }

        // CrewBuilder's own key runs the models of the plan's tier; a paid generation, the advanced ones.
        var tier = entitlement.PlanAccount is not null ? entitlement.Plan.Models : Billing.ModelTier.Advanced;
        string? model = null;
        switch (choice.Selection is null ? null : ModelChoice.Choose(choice.Selection, tier, request.Model, llmOptions.Value))
        {
            case ModelResult.Refused refused:
                Observe(rateLimiting);
                return new StartResult.Refused.Key(new KeyChoiceProblem("model", refused.Problem));
            case ModelResult.Chosen chosen:
                model = chosen.Model;
                break;
        }

        // An organisation's own endpoint runs its advanced deployment for architecture and review, its standard one for the rest.
        model = choice.Endpoint is { } dedicated && request.Model is null ? dedicated.AdvancedModel : model;

        if (await rateLimiting is { } retryAfter)
        {
            return new StartResult.Refused.RateLimited(retryAfter);
        }

        var generationId = TimeOrderedId.New(time.GetUtcNow());
        string? account;
        switch (await charges.ReserveAsync(entitlement, caller.TenantId, generationId, choice.Selection, cancellationToken))
        {
            case ReservationResult.Refused refused:
                return new StartResult.Refused.Charge(refused.Problem);
            case ReservationResult.Held held:
                account = held.Account;
                break;
            case ReservationResult.NothingToCharge:
                account = null;
                break;
            default:
                throw new UnreachableException();
        }

        return await StartNowAsync(
                caller,
                new GenerationRef(
                    generationId, caller.TenantId, Mode(choice), choice.Selection, account, entitlement.Plan.Id, model,
                    StandardModelFor(choice, request.Model), ProjectLayouts.Parse(request.Layout) ?? ProjectLayout.Classic, WhiteLabel: site is not null),
                request.Requirement, choice, scheduler, request.ParentId, cancellationToken);
    }

    /// <summary>
    /// The generation's key and the white-label site the request came to (whose organisation then pays). A paid generation
    /// is bought to run on CrewBuilder's own AI; naming an organisation asks for its key.
    /// </summary>
    private async Task<(KeyChoiceResult Choice, Organisations.Organisation? Site)> ChooseKeyAsync(
        Caller caller, GenerationRequestOptions request, Task<EntitlementResult> entitling, CancellationToken cancellationToken)
    {
        var keySource = request.KeySource ?? (request.Credit is not null ? "platform" : request.OrgId is not null ? "organisation" : null);
        keySource ??= request.EncryptedKey is not null ? "once" : null;
        var site = await sites.OrganisationOfAsync(request.SiteHost, cancellationToken);
        var choice = site is not null
            ? await keys.ChooseForSiteAsync(site, keySource, request.Provider, request.OrgId, cancellationToken)
            : await keys.ChooseAsync(caller, keySource, request.Provider, request.EncryptedKey, PlatformAllowedAsync(entitling), cancellationToken, request.OrgId);
        return (choice, site);

        static async Task<bool> PlatformAllowedAsync(Task<EntitlementResult> entitling) =>
            await entitling is EntitlementResult.Entitled { Entitlement.PlatformAllowed: true };
    }

    /// <summary>Reads begun for a request that was refused before it needed them: nobody waits for them, and their faults change nothing.</summary>
    private static void Observe(params Task[] unneeded)
    {
        foreach (var task in unneeded)
        {
            task.Abandon();
        }
    }

    /// <summary>
    /// The requirement the generation is given: a clarification chat's (transcript and refined requirement), a
    /// template's (with its architecture hints), a parent generation's with the refining instruction, or the one sent.
    /// Else which of them the caller cannot see.
    /// </summary>
    private async Task<RequirementSource> RequirementAsync(Caller caller, GenerationRequestOptions request, CancellationToken cancellationToken)
    {
        if (request.ClarificationId is { } clarificationId)
        {
            return RequirementSource.From(
                await clarifications.RequirementForGenerationAsync(caller, clarificationId, request.ClarificationToken, cancellationToken), "clarification");
        }

        if (request.TemplateId is { } templateId)
        {
            return RequirementSource.From(await templates.RequirementForGenerationAsync(caller, templateId, cancellationToken), "template");
        }

        if (request.ParentId is { } parentId)
        {
            var parent = await FindVisibleAsync(caller.Holding(request.ParentToken), parentId, cancellationToken);
            return parent is null
                ? new RequirementSource.NotVisible("generation")
                : new RequirementSource.Found(
                    $"{parent.Requirement}\n\nRefinement of the previous crew (generation {parentId}): {request.Instruction!.Trim()}", parent.LayoutValue);
        }

        return new RequirementSource.Found(request.Requirement!);
    }

    /// <summary>The requirement a generation is given, or which of its sources the caller cannot see.</summary>
    private abstract record RequirementSource
    {
        private RequirementSource()
        {
        }

        public static RequirementSource From(string? requirement, string source) =>
            requirement is null ? new NotVisible(source) : new Found(requirement);

        /// <summary><paramref name="Layout"/> is the refined generation's, for a refinement.</summary>
        public sealed record Found(string Requirement, ProjectLayout? Layout = null) : RequirementSource;

        public sealed record NotVisible(string What) : RequirementSource;
    }

    /// <summary>The tokens and dollars a generation of <paramref name="request"/>'s requirement would spend, before it starts.</summary>
    public Forecast Forecast(ForecastRequest request)
    {
        var settings = llmOptions.Value;
        return GenerationForecast.Estimate(
            request.Requirement!.Trim(), request.Model ?? settings.StandardModel(request.Provider), request.Model ?? settings.AdvancedModel(request.Provider));
    }

    /// <summary>Rates an ended generation the caller can see.</summary>
    public async Task<ActResult> RateAsync(Caller caller, string generationId, RateGenerationRequest rating, CancellationToken cancellationToken) =>
        await FindVisibleAsync(caller, generationId, cancellationToken) is null
            ? new ActResult.NotFound()
            : await generations.RatedAsync(caller.TenantId, generationId, rating.Stars!.Value, rating.Comment, cancellationToken) is { } rated
                ? new ActResult.Done(rated.ToView())
                : new ActResult.NotNow();

    /// <summary>
    /// On CrewBuilder's own key or an organisation's own endpoint, the steps other than architecture and review run on the
    /// standard model unless a model was asked for.
    /// </summary>
    private string? StandardModelFor(KeyChoice choice, string? requested) => requested is not null ? null : choice switch
    {
        { Endpoint: { } dedicated } => dedicated.StandardModel,
        { Selection: { Source: Keys.KeySource.Platform } key } => llmOptions.Value.StandardModel(key.Provider),
        _ => null,
    };

    private static GenerationMode Mode(KeyChoice choice) => choice.Selection is null ? GenerationMode.Template : GenerationMode.Llm;

    private async Task<StartResult.Started> StartNowAsync(
        Caller caller, GenerationRef generation, string requirement, KeyChoice choice, IGenerationScheduler scheduler, string? parentId,
        CancellationToken cancellationToken)
    {
        var key = choice.Selection;
        var accessToken = caller.Kind == CallerKind.Anonymous ? await accessTokens.IssueAsync(cancellationToken) : null;
        var input = GenerationOrchestration.InputFor(generation, requirement, options.Value.Sequential);
        // The row, the debt of its workflow, its one-off key and its organisation's index are in different tables:
        // written side by side, all before the answer.
        await Task.WhenAll(
            generations.AddAsync(generation, requirement, accessToken is null ? null : SecretTokens.Hash(accessToken), parentId, cancellationToken, choice.OrganisationName),
            starts.OweAsync(input, cancellationToken),
            key is not null && choice.OnceKey is { } onceKey ? slots.StoreAsync(generation.GenerationId, key.Provider, onceKey, cancellationToken) : Task.CompletedTask,
            key?.OrganisationId is { } orgId ? organisationGenerations.AddAsync(orgId, generation, cancellationToken) : Task.CompletedTask);

        // The answer does not wait for the workflow's start; should this process die first, the sweep starts it.
        _ = starts.StartOwedAsync(input, scheduler);

        CrewBuilderTelemetry.GenerationsStarted.Add(1, new KeyValuePair<string, object?>("mode", generation.Mode.ToString()));
        logger.LogInformation("Generation {GenerationId} accepted in {Mode} mode", generation.GenerationId, generation.Mode);
        return new StartResult.Started(generation, accessToken);
    }

    /// <summary>
    /// Generations an hour: per client address without an account, per tenant with one; counted in Table Storage so the
    /// limit holds across instances. How long to wait when over it, else null.
    /// </summary>
    private async Task<TimeSpan?> RateLimitedAsync(Caller caller, CancellationToken cancellationToken)
    {
        var (scope, key, limit) = caller.Kind == CallerKind.Anonymous
            ? ("anonymous-generations", caller.ClientAddress ?? "unknown", options.Value.AnonymousPerHour)
            : ("tenant-generations", caller.TenantId, options.Value.TenantPerHour);
        var count = await counters.IncrementAsync(scope, key, RateWindow, cancellationToken);
        return count.Count > limit ? count.WindowEnd - time.GetUtcNow() : null;
    }

    /// <summary>
    /// Stops a generation that is still running: its workflow is terminated, its charge released, what its steps spent
    /// counted, its one-off key forgotten and its usage recorded as cancelled.
    /// </summary>
    public async Task<ActResult> CancelAsync(Caller caller, string generationId, IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(caller, generationId, cancellationToken);
        if (entity is null)
        {
            return new ActResult.NotFound();
        }

        var generation = entity.ToRef();
        var progress = await scheduler.LiveProgressAsync(entity, cancellationToken);
        if (await generations.CancelledAsync(generation, progress, cancellationToken) is not { } cancelled)
        {
            return new ActResult.NotNow();
        }

        await scheduler.CancelAsync(generationId, cancellationToken);
        await charges.ReleaseAsync(generation.QuotaAccount, generationId, cancellationToken);
        await charges.RecordSpendAsync(generation.TenantId, generation.GenerationId, generation.Key, cancelled.EstimatedCostUsd, cancellationToken); // the steps it ran were paid for
        await settlement.SettleAsync(generation, cancelled, cancellationToken);
        logger.LogInformation("Generation {GenerationId} cancelled", generationId);
        return new ActResult.Done(cancelled.ToView());
    }

    /// <summary>A generation the caller can see; while it runs, with its workflow's progress.</summary>
    public async Task<GenerationView?> FindAsync(Caller caller, string generationId, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        await FindReadableAsync(caller, generationId, cancellationToken) is { } entity
            ? entity.ToView(await scheduler.LiveProgressAsync(entity, cancellationToken))
            : null;

    /// <summary>One page of the caller's generations, newest first; those still running with their workflow's progress.</summary>
    public async Task<GenerationPage> ListAsync(
        Caller caller, int pageSize, string? continuationToken, IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        var (entities, next) = await generations.ListAsync(caller.TenantId, pageSize, continuationToken, cancellationToken);
        return new GenerationPage(await scheduler.SummariesAsync(entities, cancellationToken), next);
    }

    /// <summary>The project zip of a completed generation the caller can see.</summary>
    public async Task<ArtifactResult> OpenArtifactAsync(Caller caller, string generationId, CancellationToken cancellationToken)
    {
        var entity = await FindReadableAsync(caller, generationId, cancellationToken);
        return entity switch
        {
            { StatusValue: GenerationStatus.Completed, ArtifactBlob: { } blob } =>
                new ArtifactResult.Ready(new ArtifactDownload(await artifacts.OpenAsync(blob, cancellationToken), $"{entity.PackageName ?? "crew"}.zip")),
            null => new ArtifactResult.NotFound(),
            _ => new ArtifactResult.NotReady(),
        };
    }

    /// <summary>
    /// One file of a completed project, as text, for the results viewer; null when the caller cannot see the
    /// generation or it has no such file (only the paths the generation lists are served, so no path escapes the project).
    /// </summary>
    public async Task<string?> ReadFileAsync(Caller caller, string generationId, string path, CancellationToken cancellationToken)
    {
        var entity = await FindReadableAsync(caller, generationId, cancellationToken);
        if (entity is not { StatusValue: GenerationStatus.Completed, ArtifactBlob: { } blob } || !entity.ReadFiles().Any(file => file.Path == path))
        {
            return null;
        }

        await using var zip = await artifacts.OpenAsync(blob, cancellationToken);
        using var archive = new System.IO.Compression.ZipArchive(zip);
        var entry = archive.GetEntry($"{entity.PackageName}/{path}");
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>
    /// A generation the caller may read: their own, or one made with the key of an organisation whose generations their
    /// role may read. Acting on it (cancel, rate, rename, delete) stays with the person who made it.
    /// </summary>
    private async Task<GenerationEntity?> FindReadableAsync(Caller caller, string generationId, CancellationToken cancellationToken) =>
        await FindVisibleAsync(caller, generationId, cancellationToken)
        ?? (caller.Kind is CallerKind.User or CallerKind.ApiToken && caller.UserId is { } userId && TimeOrderedId.IsValid(generationId)
            ? await organisationGenerations.FindReadableByAsync(userId, generationId, cancellationToken)
            : null);

    private async Task<GenerationEntity?> FindVisibleAsync(Caller caller, string generationId, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(generationId))
        {
            return null;
        }

        var entity = await generations.FindAsync(caller.TenantId, generationId, cancellationToken);
        return caller.Sees(entity?.AccessTokenHash) ? entity : null;
    }
}
