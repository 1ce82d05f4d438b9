using System.Diagnostics;
using CrewBuilder.Core.Templates;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The template gallery API, shared by both hosts: authenticate, parse, one call to <see cref="TemplateService"/>, map.</summary>
public sealed class TemplateEndpoints(ApiGate gate, TemplateService templates)
{
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Public, async caller => new JsonResponse(await templates.ListAsync(caller, cancellationToken)), cancellationToken);

    public Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageTemplates, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<SaveTemplateRequest>(request, body => body.Validate(updating: false), cancellationToken);
            return body is null ? problem! : Map(await templates.CreateAsync(caller, body, cancellationToken), StatusCodes.Status201Created);
        }, cancellationToken);

    public Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageTemplates, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<SaveTemplateRequest>(request, body => body.Validate(updating: true), cancellationToken);
            return body is null ? problem! : Map(await templates.UpdateAsync(caller, id, body, cancellationToken), StatusCodes.Status200OK);
        }, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ManageTemplates, async caller =>
            await templates.DeleteAsync(caller, id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("template"), cancellationToken);

    private static IResult Map(TemplateResult result, int status) => result switch
    {
        TemplateResult.Saved { Template: var template } =>
            new JsonResponse(template, status, status == StatusCodes.Status201Created ? ApiRoutes.Url(ApiRoutes.Template, template.Id) : null),
        TemplateResult.PlanRequired => Problems.PlanRequired("Custom templates"),
        TemplateResult.GenerationNotFound => Problems.GenerationNotFound(),
        TemplateResult.NotFound => Problems.NotFound("template"),
        _ => throw new UnreachableException(),
    };
}
