namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// Where a layout keeps its Python: the module its tools import each other from, the folder they are written to, and
/// what a test appends to the project folder to import them (<c> / "src"</c> for the classic <c>src/</c> layout).
/// </summary>
internal sealed record PythonHome(string ToolsModule, string ToolsFolder, string ImportRoot)
{
    public static PythonHome Classic(string package) => new($"{package}.tools", $"src/{package}/tools", " / \"src\"");

    /// <summary>The JSON layout's tools/ at the project's top, as <c>custom:&lt;name&gt;</c> references resolve it.</summary>
    public static PythonHome Json { get; } = new("tools", "tools", "");
}
