using System.Text.Json;

namespace CrewBuilder.Core.Generation;

/// <summary>
/// The shape of a generated project, as <c>crewai create crew</c> makes it: Classic is its <c>--classic</c> layout
/// (<c>src/&lt;package&gt;/crew.py</c> with YAML config), Json its default JSON-first one (<c>crew.jsonc</c>,
/// <c>agents/*.jsonc</c>, <c>tools/</c>).
/// </summary>
public enum ProjectLayout { Classic, Json }

public static class ProjectLayouts
{
    /// <summary>The names a request may give, as the API spells them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<ProjectLayout>().Select(Name)];

    public static string Name(this ProjectLayout layout) => JsonNamingPolicy.CamelCase.ConvertName(layout.ToString());

    /// <summary>The layout a request names (classic when it names none); null for a name that is not one.</summary>
    public static ProjectLayout? Parse(string? name) =>
        name is null ? ProjectLayout.Classic
        : Enum.GetValues<ProjectLayout>().Cast<ProjectLayout?>().FirstOrDefault(layout => layout!.Value.Name() == name);
}
