using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ModelContextProtocol.Protocol;

namespace CrewBuilder.Core.Mcp;

/// <summary>What the tools answer: the API's own JSON, and its problems as tool errors a model can read and act on.</summary>
internal static class ToolAnswers
{
    public static CallToolResult Json<T>(T value) => new() { Content = [Text(value)] };

    /// <summary>A generation with links to its project and files once it has completed; an error result if it failed.</summary>
    public static CallToolResult Generation(GenerationView view) => new()
    {
        IsError = view.Status == GenerationStatus.Failed,
        Content =
        [
            Text(view),
            .. view.Status == GenerationStatus.Completed
                ? (IEnumerable<ContentBlock>)[ProjectResources.ProjectLink(view.Id), .. view.Files.Select(file => ProjectResources.FileLink(view.Id, file))]
                : [],
        ],
    };

    /// <summary>A problem the HTTP API would answer, as a tool error: its title, detail and what to change.</summary>
    public static CallToolResult Refused(IResult problem) => Error(Describe(problem));

    public static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

    public static string Describe(IResult problem)
    {
        var details = ((IValueHttpResult<ProblemDetails>)problem).Value!;
        var errors = details.Extensions.TryGetValue("errors", out var value) && value is IDictionary<string, string[]> fields
            ? string.Concat(fields.Select(field => $" {field.Key}: {string.Join(" ", field.Value)}"))
            : "";
        return $"{details.Title} {details.Detail}{errors}";
    }

    private static TextContentBlock Text<T>(T value) => new() { Text = JsonSerializer.Serialize(value, ApiJson.Options) };
}
