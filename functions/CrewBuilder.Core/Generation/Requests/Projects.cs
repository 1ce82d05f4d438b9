using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Generation.Requests;

/// <summary>Which projects to list: text in a name, package name or requirement; a status; a layout; a time range of creation.</summary>
public sealed record ProjectFilter(string? Text = null, GenerationStatus? Status = null, ProjectLayout? Layout = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public bool Matches(GenerationEntity generation, GenerationStatus status) =>
        (Text is null || new[] { generation.Name, generation.PackageName, generation.Requirement }
            .Any(field => field?.Contains(Text, StringComparison.OrdinalIgnoreCase) == true))
        && (Status is null || status == Status)
        && (Layout is null || generation.LayoutValue == Layout)
        && (From is null || generation.CreatedAt >= From)
        && (To is null || generation.CreatedAt < To);
}

/// <summary>
/// A project: an original generation and the refinements made from it (newest first); its name is the original's.
/// <paramref name="LastActivityAt"/> is when the newest of them started.
/// </summary>
public sealed record Project(string Id, string? Name, GenerationSummary Original, IReadOnlyList<GenerationSummary> Refinements, DateTimeOffset LastActivityAt);

public sealed record ProjectPage(IReadOnlyList<Project> Items, string? ContinuationToken);

/// <summary>What renaming or deleting a generation came to.</summary>
public abstract record ProjectChange
{
    private ProjectChange()
    {
    }

    public sealed record Renamed(GenerationView View) : ProjectChange;

    public sealed record Deleted : ProjectChange;

    /// <summary>It is still queued or running: cancel it first.</summary>
    public sealed record Running : ProjectChange;

    public sealed record NotFound : ProjectChange;
}

/// <summary>
/// A person's generations as projects: named, renamed, deleted (row, project zip and organisation index entry, so it
/// leaves every list and can no longer be downloaded), searched, filtered, and refinements grouped under their original.
/// Only the person who made a generation changes it.
/// </summary>
public sealed class Projects(GenerationStore generations, ArtifactStore artifacts, OrganisationGenerations organisationGenerations, ILogger<Projects> logger)
{
    /// <summary>Refinement chains are followed this far up at most, so a damaged row cannot loop.</summary>
    private const int MaxDepth = 100;

    /// <summary>
    /// One page of the caller's projects that have a generation matching <paramref name="filter"/>, the most recently
    /// active first; <paramref name="offset"/> is where the page starts (the previous page's continuation).
    /// </summary>
    public async Task<ProjectPage> ListAsync(
        Caller caller, ProjectFilter filter, int pageSize, int offset, IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, GenerationEntity>(StringComparer.Ordinal);
        await foreach (var generation in generations.ListAllAsync(caller.TenantId, before: null, cancellationToken))
        {
            all[generation.RowKey] = generation;
        }

        var matching = all.Values.GroupBy(generation => OriginalOf(generation, all).RowKey)
            .Where(project => project.Any(generation => filter.Matches(generation, generation.StatusValue)))
            .OrderByDescending(project => project.Max(generation => generation.CreatedAt))
            .ToList();
        var page = new List<Project>();
        foreach (var project in matching.Skip(offset).Take(pageSize))
        {
            var summaries = await scheduler.SummariesAsync([.. project.OrderByDescending(generation => generation.CreatedAt)], cancellationToken);
            var original = summaries.Single(summary => summary.Id == project.Key);
            page.Add(new Project(project.Key, original.Name, original, [.. summaries.Where(summary => summary.Id != project.Key)], summaries[0].CreatedAt));
        }

        var next = offset + pageSize;
        return new ProjectPage(page, next < matching.Count ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    public async Task<ProjectChange> RenameAsync(Caller caller, string generationId, string name, CancellationToken cancellationToken) =>
        TimeOrderedId.IsValid(generationId) && await generations.RenamedAsync(caller.TenantId, generationId, name, cancellationToken) is { } renamed
            ? new ProjectChange.Renamed(renamed.ToView())
            : new ProjectChange.NotFound();

    /// <summary>Deletes an ended generation: its project zip, its organisation's index entry, then its row. Its refinements stay.</summary>
    public async Task<ProjectChange> DeleteAsync(Caller caller, string generationId, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(generationId) || await generations.FindAsync(caller.TenantId, generationId, cancellationToken) is not { } generation)
        {
            return new ProjectChange.NotFound();
        }

        if (!generation.Ended)
        {
            return new ProjectChange.Running();
        }

        if (generation.ArtifactBlob is { } blob)
        {
            await artifacts.DeleteAsync(blob, cancellationToken);
        }

        if (generation.OrganisationId is { } orgId)
        {
            await organisationGenerations.RemoveAsync(orgId, generationId, cancellationToken);
        }

        await generations.DeleteAsync(caller.TenantId, generationId, cancellationToken);
        logger.LogInformation("Generation {GenerationId} deleted by its owner", generationId);
        return new ProjectChange.Deleted();
    }

    /// <summary>The earliest generation still there in the chain of originals <paramref name="generation"/> refines.</summary>
    private static GenerationEntity OriginalOf(GenerationEntity generation, Dictionary<string, GenerationEntity> all)
    {
        var original = generation;
        for (var depth = 0; depth < MaxDepth && original.ParentId is { } parentId && all.TryGetValue(parentId, out var parent); depth++)
        {
            original = parent;
        }

        return original;
    }
}
