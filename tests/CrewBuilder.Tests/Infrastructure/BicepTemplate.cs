using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Infrastructure;

/// <summary>infra/main.bicep (or another Bicep file) compiled once with the Bicep CLI from NuGet, and the resources of its ARM template.</summary>
public sealed class BicepTemplate
{
    public BicepTemplate()
        : this(MainFile)
    {
    }

    private BicepTemplate(string mainFile)
    {
        var output = Path.Combine(Path.GetTempPath(), $"crewbuilder-{Guid.NewGuid():N}.json");
        (BuildExitCode, BuildOutput) = Bicep("build", mainFile, "--outfile", output);
        (LintExitCode, LintOutput) = Bicep("lint", mainFile);
        if (File.Exists(output))
        {
            Template = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
            File.Delete(output);
        }
    }

    /// <summary>Any Bicep file compiled and linted, for the Bicep of generated projects too.</summary>
    public static BicepTemplate Compile(string mainFile) => new(mainFile);

    public static string MainFile => RepositoryPaths.Of("infra", "main.bicep");

    public int BuildExitCode { get; }

    public string BuildOutput { get; }

    public int LintExitCode { get; }

    public string LintOutput { get; }

    public JsonObject? Template { get; }

    /// <summary>Every resource, in nested module deployments too, as (type, resource).</summary>
    public IEnumerable<JsonObject> Resources(string type) =>
        AllResources(Template ?? throw new InvalidOperationException(BuildOutput))
            .Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase)
                && resource["existing"]?.GetValue<bool>() != true);

    private static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(node => node!.AsObject()),
            JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static (int ExitCode, string Output) Bicep(params string[] arguments)
    {
        var package = typeof(BicepTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepPackagePath").Value!;
        var start = new ProcessStartInfo(Path.Combine(package, "tools", "bicep"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
