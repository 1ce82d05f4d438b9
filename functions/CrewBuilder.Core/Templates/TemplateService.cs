using Azure.Data.Tables;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Templates;

/// <summary>What saving a template came to: exactly one of the cases below.</summary>
public abstract record TemplateResult
{
    private TemplateResult()
    {
    }

    /// <summary>The template as saved.</summary>
    public sealed record Saved(CrewTemplate Template) : TemplateResult;

    /// <summary>Templates of one's own come with Professional and Enterprise.</summary>
    public sealed record PlanRequired : TemplateResult;

    /// <summary>No template of the caller's has this id.</summary>
    public sealed record NotFound : TemplateResult;

    /// <summary>The generation the template was to be made from is not one the caller can see.</summary>
    public sealed record GenerationNotFound : TemplateResult;
}

/// <summary>
/// The template gallery: built-in starting points for everyone, and, on Professional and Enterprise, a person's own
/// named templates (a requirement of their own or one of their finished generations'), kept in their partition.
/// </summary>
public sealed class TemplateService(StorageClients storage, UserStore users, GenerationStore generations, TimeProvider time)
{
    public const string TableName = "templates";

    public async Task<TemplateList> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var allowed = await AllowedAsync(caller, cancellationToken);
        return new TemplateList(TemplateGallery.BuiltIn, allowed ? await ListOwnAsync(caller.TenantId, cancellationToken) : [], allowed);
    }

    /// <summary>A tenant's own templates, whatever their plan now (their data export).</summary>
    public async Task<List<CrewTemplate>> ListOwnAsync(string tenantId, CancellationToken cancellationToken)
    {
        var own = new List<CrewTemplate>();
        await foreach (var entity in (await TableAsync(cancellationToken)).QueryAsync<TableEntity>(e => e.PartitionKey == tenantId, cancellationToken: cancellationToken))
        {
            own.Add(FromEntity(entity));
        }

        return own;
    }

    public async Task<TemplateResult> CreateAsync(Caller caller, SaveTemplateRequest request, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(caller, cancellationToken))
        {
            return new TemplateResult.PlanRequired();
        }

        var requirement = request.Requirement;
        if (request.GenerationId is { } generationId)
        {
            if (!TimeOrderedId.IsValid(generationId) || await generations.FindAsync(caller.TenantId, generationId, cancellationToken) is not { } generation)
            {
                return new TemplateResult.GenerationNotFound();
            }

            requirement = generation.Requirement;
        }

        var entity = ToEntity(caller.TenantId, TimeOrderedId.New(time.GetUtcNow()), request with { Requirement = requirement });
        await (await TableAsync(cancellationToken)).AddEntityAsync(entity, cancellationToken);
        return new TemplateResult.Saved(FromEntity(entity));
    }

    public async Task<TemplateResult> UpdateAsync(Caller caller, string id, SaveTemplateRequest request, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(caller, cancellationToken))
        {
            return new TemplateResult.PlanRequired();
        }

        if (await FindOwnAsync(caller, id, cancellationToken) is not { } current)
        {
            return new TemplateResult.NotFound();
        }

        var entity = ToEntity(caller.TenantId, id, request with { Requirement = request.Requirement ?? current.Requirement });
        await (await TableAsync(cancellationToken)).UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Replace, cancellationToken);
        return new TemplateResult.Saved(FromEntity(entity));
    }

    public async Task<bool> DeleteAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (await FindOwnAsync(caller, id, cancellationToken) is null)
        {
            return false;
        }

        await (await TableAsync(cancellationToken)).DeleteEntityAsync(caller.TenantId, id, Azure.ETag.All, cancellationToken);
        return true;
    }

    /// <summary>What a generation started from template <paramref name="id"/> is given; null when the caller cannot use it.</summary>
    public async Task<string?> RequirementForGenerationAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        TemplateGallery.Find(id) is { } builtIn ? builtIn.RequirementWithHints()
        : await AllowedAsync(caller, cancellationToken) && await FindOwnAsync(caller, id, cancellationToken) is { } own ? own.RequirementWithHints()
        : null;

    /// <summary>Deletes every template of a tenant (their account going away).</summary>
    public async Task DeleteAllAsync(string tenantId, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).DeletePartitionAsync(tenantId, cancellationToken);

    private async Task<bool> AllowedAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.UserId is { } userId && Billing.Plans.AllowsCustomTemplates((await users.FindAsync(userId, cancellationToken))?.Plan);

    private async Task<CrewTemplate?> FindOwnAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id) || caller.UserId is null)
        {
            return null;
        }

        var found = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<TableEntity>(caller.TenantId, id, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    private TableEntity ToEntity(string tenantId, string id, SaveTemplateRequest request) => new(tenantId, id)
    {
        ["Name"] = request.Name!.Trim(),
        ["Description"] = request.Description?.Trim() ?? "",
        ["Requirement"] = request.Requirement!.Trim(),
        ["Hints"] = request.Hints?.Trim(),
        ["UpdatedAt"] = time.GetUtcNow(),
    };

    private static CrewTemplate FromEntity(TableEntity entity) => new(
        entity.RowKey, entity.GetString("Name"), entity.GetString("Description") ?? "", entity.GetString("Requirement"), entity.GetString("Hints"), false,
        entity.GetDateTimeOffset("UpdatedAt"));

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
