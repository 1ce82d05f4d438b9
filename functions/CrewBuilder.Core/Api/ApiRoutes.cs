namespace CrewBuilder.Core.Api;

/// <summary>
/// Every HTTP route of the API, declared once. Both hosts map these (under the <c>api/</c> prefix),
/// and a test holds the Functions build's metadata to the self-host's endpoints.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string Generations = "generations";
    public const string Generation = "generations/{id}";
    public const string GenerationArtifact = "generations/{id}/artifact";
    public const string Health = "health";

    public static string GenerationUrl(string id) => $"/{Prefix}/generations/{id}";
}
