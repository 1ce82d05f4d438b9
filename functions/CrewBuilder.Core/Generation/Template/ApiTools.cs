using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>The custom tool template mode writes for an external system: one call to its API, with the methods its key endpoints use.</summary>
internal static class ApiTools
{
    private const int MaxToolNameLength = 40;

    public static CustomTool For(IntegrationAssessment system) => new(
        Naming.PythonIdentifier(Naming.EndingIn(system.Name, "api"), "api") is var name && name.Length > MaxToolNameLength ? name[..MaxToolNameLength].TrimEnd('_') : name,
        $"Calls the {system.Name} API ({string.Join("; ", system.KeyEndpoints)}) and returns its JSON answer.",
        [new ToolArgument("method", "string", $"The HTTP method: {string.Join(", ", Methods(system))}.", true),
         new ToolArgument("path", "string", "The API path to call, e.g. " + (system.KeyEndpoints.Count > 0 ? system.KeyEndpoints[0].Split(' ')[^1] : "/"), true),
         new ToolArgument("query", "object", "Query parameters, as an object of names and values.", false),
         new ToolArgument("body", "object", "The JSON body of a POST, PUT or PATCH.", false)],
        system.EnvVars, BaseUrl: system.BaseUrl, Auth: system.Auth);

    /// <summary>The methods of a system's key endpoints ("POST /api/chat.postMessage"), GET when they name none.</summary>
    private static IEnumerable<string> Methods(IntegrationAssessment system) =>
        system.KeyEndpoints.Select(endpoint => endpoint.Split(' ')[0].ToUpperInvariant()).Where(method => method is "GET" or "POST" or "PUT" or "PATCH" or "DELETE")
            .DefaultIfEmpty("GET").Distinct();
}
