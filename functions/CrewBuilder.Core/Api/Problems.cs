using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CrewBuilder.Core.Api;

/// <summary>RFC 9457 problem responses with stable type URIs. Details never carry a secret or a stack trace.</summary>
public static class Problems
{
    private const string TypeBase = "https://crewbuilder.dev/problems/";

    public static IResult InvalidBody(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "invalid-body", "The request body is not valid.", detail);

    public static IResult BodyTooLarge(int maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large.",
            $"Send at most {maxBytes / 1024} KiB.");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "validation", "The request is not valid.",
            "See 'errors' for what to change.", new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult GenerationNotFound() =>
        Problem(StatusCodes.Status404NotFound, "generation-not-found", "No such generation.",
            "There is no generation with this id that you can see.");

    public static IResult ArtifactNotReady() =>
        Problem(StatusCodes.Status404NotFound, "artifact-not-ready", "The project is not ready.",
            "The project can be downloaded once the generation has completed.");

    public static IResult Unexpected() =>
        Problem(StatusCodes.Status500InternalServerError, "unexpected", "Something went wrong on our side.",
            "The error has been logged. Please try again.");

    private static ProblemResponse Problem(int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeBase + slug, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return new ProblemResponse(problem);
    }

    private sealed class ProblemResponse(ProblemDetails problem) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            httpContext.Response.ContentType = "application/problem+json";
            await System.Text.Json.JsonSerializer.SerializeAsync(httpContext.Response.Body, problem, ApiJson.Options, httpContext.RequestAborted);
        }
    }
}
