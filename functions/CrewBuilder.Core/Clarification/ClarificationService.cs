using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Clarification;

/// <summary>What starting or answering a clarification chat came to: exactly one of the cases below.</summary>
public abstract record ClarificationResult
{
    private ClarificationResult()
    {
    }

    /// <summary>The chat afterwards.</summary>
    public sealed record Chat(ClarificationView View) : ClarificationResult;

    /// <summary>No chat the caller can see has this id.</summary>
    public sealed record NotFound : ClarificationResult;

    /// <summary>The interviewer already has what it needs.</summary>
    public sealed record Finished : ClarificationResult;

    /// <summary>Another answer arrived at the same time.</summary>
    public sealed record Conflict : ClarificationResult;

    /// <summary>Too many chat turns this hour from this caller.</summary>
    public sealed record TooMany(TimeSpan RetryAfter) : ClarificationResult;
}

/// <summary>
/// The clarification chat before a generation: the interviewer asks, the person answers, and the transcript with the
/// refined requirement becomes the requirement a generation is given. A model interviews when the caller has a key
/// that costs CrewBuilder nothing (their saved key, their organisation's, the self-hosted server's); otherwise the
/// scripted interviewer does. Chats are scoped like generations: to the tenant, or to an anonymous chat's token.
/// </summary>
public sealed class ClarificationService(
    StorageClients storage, AccessTokens accessTokens, KeyResolver keys, ModelClarifier model, FixedWindowCounters counters, IOptions<LlmOptions> llmOptions,
    TimeProvider time, ILogger<ClarificationService> logger)
{
    public const string TableName = "clarifications";
    public const int MaxAnswers = 8;
    private const int PerHourPerAddress = 120;

    public async Task<ClarificationResult> StartAsync(Caller caller, string requirement, CancellationToken cancellationToken)
    {
        if (await LimitedAsync(caller, cancellationToken) is { } wait)
        {
            return new ClarificationResult.TooMany(wait);
        }

        var token = caller.Kind == CallerKind.Anonymous ? await accessTokens.IssueAsync(cancellationToken) : null;
        var entity = new ClarificationEntity
        {
            PartitionKey = caller.TenantId,
            RowKey = TimeOrderedId.New(time.GetUtcNow()),
            Requirement = requirement.Trim(),
            CreatedAt = time.GetUtcNow(),
            AccessTokenHash = token is null ? null : SecretTokens.Hash(token),
        };
        var (turn, usedModel) = await NextAsync(caller, entity.Requirement, [], cancellationToken);
        entity.UsesModel = usedModel;
        entity.Apply([], turn, time.GetUtcNow());
        await (await TableAsync(cancellationToken)).AddEntityAsync(entity, cancellationToken);
        logger.LogInformation("Clarification {ClarificationId} started ({Interviewer})", entity.RowKey, usedModel ? "model" : "scripted");
        return new ClarificationResult.Chat(entity.ToView(token));
    }

    /// <summary>Adds the person's answer and the interviewer's next move; an answer to a finished chat, or one that crossed another, is refused.</summary>
    public async Task<ClarificationResult> ReplyAsync(Caller caller, string id, string message, CancellationToken cancellationToken)
    {
        if (await LimitedAsync(caller, cancellationToken) is { } wait)
        {
            return new ClarificationResult.TooMany(wait);
        }

        if (await FindVisibleAsync(caller, id, cancellationToken) is not { } entity)
        {
            return new ClarificationResult.NotFound();
        }

        var messages = entity.ReadMessages();
        if (entity.Status == ClarificationEntity.Ready || messages.Count(m => m.Role == ChatMessage.User) >= MaxAnswers)
        {
            return new ClarificationResult.Finished();
        }

        messages.Add(new ChatMessage(ChatMessage.User, message.Trim(), time.GetUtcNow()));
        var (turn, _) = await NextAsync(caller, entity.Requirement, messages, cancellationToken);
        entity.Apply(messages, turn, time.GetUtcNow());
        try
        {
            await (await TableAsync(cancellationToken)).UpdateEntityAsync(entity, entity.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 412)
        {
            return new ClarificationResult.Conflict();
        }

        return new ClarificationResult.Chat(entity.ToView());
    }

    public async Task<ClarificationView?> FindAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        (await FindVisibleAsync(caller, id, cancellationToken))?.ToView();

    /// <summary>
    /// The requirement a generation is given from a chat the caller can see: a person's own, or an anonymous chat whose
    /// access token they hold. Null when there is no such chat.
    /// </summary>
    public async Task<string?> RequirementForGenerationAsync(Caller caller, string id, string? accessToken, CancellationToken cancellationToken)
    {
        return (await FindVisibleAsync(caller.Holding(accessToken), id, cancellationToken))?.RequirementForGeneration();
    }

    /// <summary>Every chat of a tenant, oldest last, for the person's data export.</summary>
    public async Task<List<ClarificationView>> ListAllAsync(string tenantId, CancellationToken cancellationToken)
    {
        var views = new List<ClarificationView>();
        await foreach (var entity in (await TableAsync(cancellationToken)).QueryAsync<ClarificationEntity>(e => e.PartitionKey == tenantId, cancellationToken: cancellationToken))
        {
            views.Add(entity.ToView());
        }

        return views;
    }

    /// <summary>Deletes a tenant's chats started before <paramref name="before"/> (all of them when null); how many went.</summary>
    public async Task<int> DeleteAsync(string tenantId, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var olderThan = before is null ? "" : TimeOrderedId.TimePart(before.Value);
        var doomed = new List<string>();
        await foreach (var entity in table.QueryAsync<ClarificationEntity>(
            e => e.PartitionKey == tenantId && e.RowKey.CompareTo(olderThan) > 0, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            doomed.Add(entity.RowKey);
        }

        foreach (var id in doomed)
        {
            await table.DeleteEntityAsync(tenantId, id, Azure.ETag.All, cancellationToken);
        }

        return doomed.Count;
    }

    private async Task<(ClarifierTurn Turn, bool UsedModel)> NextAsync(
        Caller caller, string requirement, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (await FreeKeyAsync(caller, cancellationToken) is { } target)
        {
            try
            {
                return (await model.NextAsync(target, requirement, messages, cancellationToken), true);
            }
            catch (Exception e) when (e is ProviderKeyRejectedException or ProviderUnavailableException or GenerationFailedException)
            {
                logger.LogWarning("The model could not interview ({Reason}); the scripted questions take over", e.GetType().Name);
            }
        }

        return (ScriptedClarifier.Next(requirement, messages), false);
    }

    /// <summary>
    /// The caller's own key, their organisation's or the server's; never a one-off key nor CrewBuilder's own, nor (the
    /// interview being no generation step) an organisation's own model endpoint.
    /// </summary>
    private async Task<LlmTarget?> FreeKeyAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (await keys.ChooseAsync(caller, null, null, null, platformAllowed: Task.FromResult(false), cancellationToken)
            is not KeyChoiceResult.Chosen { Choice.Selection: { Source: KeySource.Saved or KeySource.Organisation or KeySource.Server, Dedicated: false } selection })
        {
            return null;
        }

        string? key;
        try
        {
            key = await keys.RevealAsync("", caller.TenantId, selection, cancellationToken);
        }
        catch (Organisations.OrgVaultUnavailableException unavailable)
        {
            throw new GenerationFailedException(unavailable.Message);
        }

        return new LlmTarget(selection.Provider, ModelChoice.Default(selection, Billing.ModelTier.Standard, llmOptions.Value),
            key ?? throw new GenerationFailedException(KeyResolver.NoLongerAvailable(selection)));
    }

    private async Task<TimeSpan?> LimitedAsync(Caller caller, CancellationToken cancellationToken)
    {
        var count = await counters.IncrementAsync("clarification-turns", caller.Kind == CallerKind.User ? caller.TenantId : caller.ClientAddress ?? "unknown", TimeSpan.FromHours(1), cancellationToken);
        return count.Count > PerHourPerAddress ? count.WindowEnd - time.GetUtcNow() : null;
    }

    private async Task<ClarificationEntity?> FindVisibleAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        var found = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<ClarificationEntity>(caller.TenantId, id, cancellationToken: cancellationToken);
        var entity = found.HasValue ? found.Value : null;
        return caller.Sees(entity?.AccessTokenHash) ? entity : null;
    }

    private Task<Azure.Data.Tables.TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
