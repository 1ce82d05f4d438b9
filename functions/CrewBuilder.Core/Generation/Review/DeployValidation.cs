using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;

namespace CrewBuilder.Core.Generation.Review;

/// <summary>
/// What <c>crewai deploy validate</c> checks before a deploy, read from the generated files: pyproject.toml parses and
/// names the project, the <c>src/&lt;package&gt;/</c> folder the name resolves to (no stale egg-info beside it), crew.py and
/// config/ with both YAML files, a hatchling wheel target, every known provider key the code or YAML reads listed for
/// <c>.env</c>, and a crewai lower bound at or past the release the platform's builder needs. The lockfile is the user's
/// to make (<see cref="LockfileStep"/>); the import check is the runnable gate's. A JSON-first project (<c>[tool.crewai]</c>
/// of type crew with a <c>definition</c>) gets crewai's JSON suite instead: the definition is a JSON or JSONC file inside the
/// project, <c>agents/</c> exists, the provider keys its JSON and Python read are listed, and the crewai bound; the
/// definition's own structure is <see cref="JsonCrewChecks"/>'.
/// </summary>
public static partial class DeployValidation
{
    public const string CheckName = "crewai deploy validate";

    public const string LockfileStep =
        "Left to you: run `crewai install` (or `uv lock`) in the project folder so uv.lock exists, and commit it, before `crewai deploy`.";

    /// <summary>The oldest crewai whose lock the platform's builder accepts without the stale-pin warning.</summary>
    private static readonly Version OldestDeployableCrewAi = new(1, 13, 0);

    private static readonly HashSet<string> KnownProviderKeys =
    [
        "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_API_KEY",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "COHERE_API_KEY", "GROQ_API_KEY", "MISTRAL_API_KEY", "TAVILY_API_KEY",
        "SERPER_API_KEY", "SERPLY_API_KEY", "PERPLEXITY_API_KEY", "DEEPSEEK_API_KEY", "OPENROUTER_API_KEY", "FIRECRAWL_API_KEY",
        "EXA_API_KEY", "BROWSERBASE_API_KEY",
    ];

    public static ReviewCheck Run(GeneratedProject project)
    {
        var problems = new List<string>();
        var note = project.Read("uv.lock") is null && project.Read("poetry.lock") is null ? LockfileStep : null;
        if (project.Read("pyproject.toml") is not { } text)
        {
            return new(CheckName, ["pyproject.toml is missing."], note);
        }

        TomlTable pyproject;
        try
        {
            pyproject = TomlSerializer.Deserialize<TomlTable>(text)!;
        }
        catch (TomlException e)
        {
            return new(CheckName, [$"pyproject.toml is not valid TOML: {e.Message.Split('\n')[0]}"], note);
        }

        if (Value(Table(pyproject, "project"), "name") is not string { Length: > 0 } name || string.IsNullOrWhiteSpace(name))
        {
            return new(CheckName, ["pyproject.toml has no [project].name."], note);
        }

        if (JsonDefinition(pyproject) is { } definition)
        {
            problems.AddRange(JsonProject(project, definition));
            problems.AddRange(UnlistedProviderKeys(project, ""));
            problems.AddRange(CrewAiLowerBound(pyproject));
            return new(CheckName, problems, note);
        }

        var package = PackageFolder(name);
        var folder = $"src/{package}/";
        if (!project.Files.Any(file => file.Path.StartsWith(folder, StringComparison.Ordinal)))
        {
            problems.Add($"src/{package}/ (from [project].name = \"{name}\") does not exist.");
        }

        problems.AddRange(project.Files.Select(file => file.Path.Split('/')).Where(parts => parts is ["src", var top, ..] && top.EndsWith(".egg-info", StringComparison.Ordinal))
            .Select(parts => $"src/{parts[1]} is a stale build artifact.").Distinct());
        var type = Value(Table(Table(pyproject, "tool"), "crewai"), "type") as string;
        string[] entryFiles = type == "flow" ? ["main.py"] : ["crew.py", "config/agents.yaml", "config/tasks.yaml"];
        problems.AddRange(entryFiles.Where(path => project.Read(folder + path) is null).Select(path => $"{folder}{path} is missing."));
        problems.AddRange(WheelTarget(pyproject, project, folder, package));
        problems.AddRange(UnlistedProviderKeys(project, folder));
        problems.AddRange(CrewAiLowerBound(pyproject));
        return new(CheckName, problems, note);
    }

    /// <summary>The crew definition a JSON-first project's pyproject names, as crewai tells the layouts apart; null for a classic one.</summary>
    public static string? JsonDefinition(GeneratedProject project)
    {
        try
        {
            return project.Read("pyproject.toml") is { } text ? JsonDefinition(TomlSerializer.Deserialize<TomlTable>(text)!) : null;
        }
        catch (TomlException)
        {
            return null;
        }
    }

    private static string? JsonDefinition(TomlTable pyproject) =>
        Table(Table(pyproject, "tool"), "crewai") is { } crewai && Value(crewai, "type") as string == "crew" && Value(crewai, "definition") is string definition
            ? definition : null;

    private static IEnumerable<string> JsonProject(GeneratedProject project, string definition)
    {
        if (definition.StartsWith('/') || definition.Split('/').Contains("..") || !(definition.EndsWith(".jsonc", StringComparison.Ordinal) || definition.EndsWith(".json", StringComparison.Ordinal)))
        {
            yield return $"[tool.crewai] definition '{definition}' is not a JSON or JSONC file inside the project.";
        }
        else if (project.Read(definition) is null)
        {
            yield return $"[tool.crewai] definition '{definition}' does not exist.";
        }

        var agents = string.Join('/', [.. definition.Split('/')[..^1], "agents"]) + "/";
        if (!project.Files.Any(file => file.Path.StartsWith(agents, StringComparison.Ordinal)))
        {
            yield return $"Cannot find {agents}: JSON crew projects load each agent from {agents}<name>.jsonc.";
        }
    }

    /// <summary>The package folder the platform derives from a project name, as CrewAI's scaffolder does.</summary>
    public static string PackageFolder(string projectName) =>
        NotIdentifier().Replace(projectName.Replace(' ', '_').Replace('-', '_').ToLowerInvariant(), "");

    private static IEnumerable<string> WheelTarget(TomlTable pyproject, GeneratedProject project, string folder, string package)
    {
        if (Value(Table(pyproject, "build-system"), "build-backend") is not string backend || !backend.Contains("hatchling", StringComparison.Ordinal))
        {
            yield break;
        }

        var wheel = Table(Table(Table(Table(Table(pyproject, "tool"), "hatch"), "build"), "targets"), "wheel");
        var named = Value(wheel, "packages") is TomlArray { Count: > 0 } || Value(wheel, "only-include") is TomlArray { Count: > 0 };
        if (!named && !project.Files.Any(file => file.Path.StartsWith(folder, StringComparison.Ordinal)))
        {
            yield return $"Hatchling cannot tell which files to ship: add [tool.hatch.build.targets.wheel] packages = [\"src/{package}\"].";
        }
    }

    private static IEnumerable<string> UnlistedProviderKeys(GeneratedProject project, string folder)
    {
        var listed = EnvLine().Matches(project.Read(".env.example") ?? "").Select(match => match.Groups[1].Value).ToHashSet();
        return project.Files.Where(file => file.Path.StartsWith(folder, StringComparison.Ordinal))
            .SelectMany(file => (file.Path.EndsWith(".py", StringComparison.Ordinal) ? PythonEnvRead()
                    : file.Path.EndsWith(".yaml", StringComparison.Ordinal) || file.Path.EndsWith(".jsonc", StringComparison.Ordinal) ? YamlEnvReference() : null)
                ?.Matches(file.Content).Select(match => match.Groups[1].Value) ?? [])
            .Where(name => KnownProviderKeys.Contains(name) && !listed.Contains(name)).Distinct().Order(StringComparer.Ordinal)
            .Select(name => $"The code reads {name}, which .env.example does not list, so a deploy would start without it.");
    }

    private static IEnumerable<string> CrewAiLowerBound(TomlTable pyproject)
    {
        var crewai = (Value(Table(pyproject, "project"), "dependencies") as TomlArray)?.OfType<string>()
            .FirstOrDefault(requirement => CrewAiName().IsMatch(requirement));
        if (crewai is null)
        {
            yield return "pyproject.toml does not depend on crewai.";
        }
        else if (LowerBound().Match(crewai) is not { Success: true } bound || Version.Parse(bound.Groups[1].Value) < OldestDeployableCrewAi)
        {
            yield return $"'{crewai}' lets a lock pin a crewai older than {OldestDeployableCrewAi}, which the deploy builder rejects.";
        }
    }

    private static TomlTable? Table(TomlTable? table, string key) => Value(table, key) as TomlTable;

    private static object? Value(TomlTable? table, string key) => table is not null && table.TryGetValue(key, out var value) ? value : null;

    [GeneratedRegex("[^a-zA-Z0-9_]")]
    private static partial Regex NotIdentifier();

    [GeneratedRegex(@"^\s*([A-Z][A-Z0-9_]*)\s*=", RegexOptions.Multiline)]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"(?:os\.environ\s*(?:\[\s*|\.get\s*\(\s*)|os\.getenv\s*\(\s*|getenv\s*\(\s*)['""]([A-Z][A-Z0-9_]*)['""]")]
    private static partial Regex PythonEnvRead();

    [GeneratedRegex(@"\$\{?([A-Z][A-Z0-9_]+)\}?")]
    private static partial Regex YamlEnvReference();

    [GeneratedRegex(@"^crewai(\[|\s|>|=|<|~|!|$)")]
    private static partial Regex CrewAiName();

    [GeneratedRegex(@">=\s*(\d+(?:\.\d+){1,2})")]
    private static partial Regex LowerBound();
}
