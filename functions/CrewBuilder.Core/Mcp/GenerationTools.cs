using System.ComponentModel;
using System.Diagnostics;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Requests;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ModelContextProtocol;

namespace CrewBuilder.Core.Mcp;

/// <summary>
/// CrewBuilder's MCP tools: each checks the token's scope, then calls the <see cref="GenerationService"/> method the
/// HTTP endpoint calls and answers what the endpoint would, as tool results.
/// </summary>
[McpServerToolType]
public sealed class GenerationTools(McpCall call, GenerationService generations, TimeProvider time)
{
    /// <summary>How often a generation being waited for is looked at again; a step takes seconds at the least.</summary>
    internal static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(500);

    [McpServerTool(Name = "generate_crew", Destructive = false, OpenWorld = false)]
    [Description("Generates a ready-to-run CrewAI project (agents, tasks, tools, code, docs, deployment files) from a plain-language requirement. Reports progress step by step and, unless wait is false, answers once the generation has ended, with links to the project zip and its files.")]
    public async Task<CallToolResult> GenerateCrewAsync(
        [Description("What the crew should do, in 20 to 10,000 characters.")] string requirement,
        IProgress<ProgressNotificationValue> progress,
        [Description("Which key runs the models: saved (your saved provider key), organisation, platform (CrewBuilder Pro AI, by plan), server (a self-hosted server's key). Left out: the first that is available, else template mode.")] string? keySource = null,
        [Description("openai or anthropic.")] string? provider = null,
        [Description("A model to run on (with CrewBuilder Pro AI, one of the plan's).")] string? model = null,
        [Description("The project's layout: classic (crewai create crew --classic: src/<package>/crew.py with YAML config, the default) or json (crew.jsonc and agents/*.jsonc, the CLI's default).")] string? layout = null,
        [Description("false: answer at once with the started generation; follow it with get_generation.")] bool wait = true,
        CancellationToken cancellationToken = default)
    {
        if (Refusal(Scopes.GenerationsWrite) is { } refusal)
        {
            return refusal;
        }

        var request = new CreateGenerationRequest(requirement, keySource, provider, Model: model, Layout: layout);
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ToolAnswers.Refused(Problems.Validation(errors));
        }

        switch (await generations.StartAsync(call.Caller, request.ToOptions(), call.Scheduler, cancellationToken))
        {
            case StartResult.Refused refused:
                return ToolAnswers.Refused(GenerationEndpoints.NotStarted(refused, call.Caller, time.GetUtcNow()));
            case StartResult.Started { Ref.GenerationId: var id }:
                var view = wait ? await FollowAsync(id, progress, cancellationToken) : await generations.FindAsync(call.Caller, id, call.Scheduler, cancellationToken);
                return ToolAnswers.Generation(view!);
            default:
                throw new UnreachableException();
        }
    }

    [McpServerTool(Name = "get_generation", ReadOnly = true, OpenWorld = false)]
    [Description("A generation's status, steps with their times and summaries, progress (0-100) and, once completed, its files.")]
    public async Task<CallToolResult> GetGenerationAsync(
        [Description("The generation's id.")] string id, CancellationToken cancellationToken = default) =>
        Refusal(Scopes.GenerationsRead)
        ?? (await generations.FindAsync(call.Caller, id, call.Scheduler, cancellationToken) is { } view
            ? ToolAnswers.Generation(view)
            : ToolAnswers.Refused(Problems.GenerationNotFound()));

    [McpServerTool(Name = "list_generations", ReadOnly = true, OpenWorld = false)]
    [Description("Your generations, newest first, a page at a time.")]
    public async Task<CallToolResult> ListGenerationsAsync(
        [Description("How many per page, 1 to 100 (default 20).")] int? pageSize = null,
        [Description("From the previous page's answer.")] string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        var (size, problem) = Paging.PageSize(pageSize);
        return Refusal(Scopes.GenerationsRead)
            ?? (problem is not null ? ToolAnswers.Refused(problem)
                : ToolAnswers.Json(await generations.ListAsync(call.Caller, size, continuationToken, call.Scheduler, cancellationToken)));
    }

    [McpServerTool(Name = "read_project_file", ReadOnly = true, OpenWorld = false)]
    [Description("The text of one file of a completed generation's project, by a path the generation lists (e.g. src/crew/main.py).")]
    public async Task<CallToolResult> ReadProjectFileAsync(
        [Description("The generation's id.")] string id,
        [Description("The file's path inside the project.")] string path,
        CancellationToken cancellationToken = default) =>
        Refusal(Scopes.GenerationsRead)
        ?? (ProjectFilePath.From(path) is { } file && await generations.ReadFileAsync(call.Caller, id, file, cancellationToken) is { } content
            ? new CallToolResult { Content = [new TextContentBlock { Text = content }] }
            : ToolAnswers.Refused(Problems.NotFound("file")));

    [McpServerTool(Name = "forecast_generation", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Before generating: the tokens a generation of this requirement is expected to spend and their price at the models it would run on.")]
    public CallToolResult ForecastGeneration(
        [Description("What the crew should do, in 20 to 10,000 characters.")] string requirement,
        [Description("openai or anthropic.")] string? provider = null,
        [Description("A model to price instead of the defaults.")] string? model = null)
    {
        var request = new ForecastRequest(requirement, provider, model);
        return request.Validate() is { Count: > 0 } errors ? ToolAnswers.Refused(Problems.Validation(errors)) : ToolAnswers.Json(generations.Forecast(request));
    }

    /// <summary>Follows a started generation to its end, reporting each rise of its progress.</summary>
    private async Task<GenerationView> FollowAsync(string id, IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        var reported = -1;
        while (true)
        {
            var view = await generations.FindAsync(call.Caller, id, call.Scheduler, cancellationToken)
                ?? throw new InvalidOperationException($"Generation {id} vanished while it was followed.");
            if (view.Progress > reported)
            {
                reported = view.Progress;
                progress.Report(new ProgressNotificationValue { Progress = view.Progress, Total = 100, Message = StepLine(view) });
            }

            if (view.Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.Cancelled)
            {
                return view;
            }

            await Task.Delay(FollowInterval, time, cancellationToken);
        }
    }

    /// <summary>Where a generation is, for people: how many steps are done and which one runs.</summary>
    internal static string StepLine(GenerationView view)
    {
        var done = view.Steps.Count(step => step.Status == StepStatus.Completed);
        var running = view.Steps.FirstOrDefault(step => step.Status == StepStatus.Running);
        return $"{done} of {view.Steps.Count} steps done" + (running is null ? $" ({view.Status.ToString().ToLowerInvariant()})" : $"; {running.Name} running");
    }

    private CallToolResult? Refusal(string scope) => call.Caller.Lacks(scope) ? ToolAnswers.Refused(Problems.Forbidden(scope)) : null;
}
