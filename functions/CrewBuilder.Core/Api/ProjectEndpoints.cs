using System.Diagnostics;
using System.Globalization;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Requests;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>A generation's new name.</summary>
public sealed record RenameProjectRequest(string? Name)
{
    public const int MaxNameLength = 100;

    public Dictionary<string, string[]> Validate() =>
        string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxNameLength
            ? new() { ["name"] = [$"Give it a name of 1 to {MaxNameLength} characters."] }
            : [];
}

/// <summary>A person's generations as projects: list (search, filter, refinements under their original), rename, delete; rules in <see cref="Projects"/>.</summary>
public sealed class ProjectEndpoints(ApiGate gate, Projects projects)
{
    public const int MaxSearchLength = 200;

    public Task<IResult> ListAsync(HttpRequest request, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ListGenerations, async caller =>
        {
            var (pageSize, problem) = Paging.PageSize(request);
            var (filter, offset, queryProblem) = QueryOf(request);
            return problem ?? queryProblem
                ?? new JsonResponse(await projects.ListAsync(caller, filter!, pageSize, offset, scheduler, cancellationToken));
        }, cancellationToken);

    public Task<IResult> RenameAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageProjects, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<RenameProjectRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : Answer(await projects.RenameAsync(caller, id, body.Name!.Trim(), cancellationToken));
        }, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageProjects, async caller => Answer(await projects.DeleteAsync(caller, id, cancellationToken)), cancellationToken);

    private static IResult Answer(ProjectChange change) => change switch
    {
        ProjectChange.Renamed renamed => new JsonResponse(renamed.View),
        ProjectChange.Deleted => TypedResults.NoContent(),
        ProjectChange.Running => Problems.GenerationRunning("Cancel it first, or delete it once it has ended."),
        ProjectChange.NotFound => Problems.GenerationNotFound(),
        _ => throw new UnreachableException(),
    };

    private static (ProjectFilter? Filter, int Offset, IResult? Problem) QueryOf(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string name) => request.Query[name].ToString().Trim() is { Length: > 0 } text ? text : null;

        DateTimeOffset? Time(string name) =>
            QueryTimes.Read(request, name, errors, "Send an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T00:00:00Z.");

        GenerationStatus? status = null;
        if (Text("status") is { } statusText)
        {
            status = Enum.GetValues<GenerationStatus>().Cast<GenerationStatus?>()
                .FirstOrDefault(value => string.Equals(value.ToString(), statusText, StringComparison.OrdinalIgnoreCase) && !int.TryParse(statusText, out _));
            if (status is null)
            {
                errors["status"] = ["Choose one of: queued, running, completed, failed, cancelled."];
            }
        }

        var layout = ProjectLayouts.Parse(Text("layout"));
        if (layout is null && Text("layout") is not null)
        {
            errors["layout"] = [$"Choose one of: {string.Join(", ", ProjectLayouts.Names)}."];
        }

        var offset = 0;
        if (Paging.ContinuationToken(request) is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            errors["continuationToken"] = ["Send the continuationToken of the previous page as it was."];
        }

        if (Text("q")?.Length > MaxSearchLength)
        {
            errors["q"] = [$"Search for at most {MaxSearchLength} characters."];
        }

        var filter = new ProjectFilter(Text("q"), status, layout, Time("from"), Time("to"));
        return errors.Count > 0 ? (null, 0, Problems.Validation(errors)) : (filter, offset, null);
    }
}
