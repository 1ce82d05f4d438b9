namespace CrewBuilder.Core.Generation.Design;

/// <summary>A ready-made tool from the crewai_tools package, and the environment variables it reads.</summary>
public sealed record CatalogTool(string ClassName, string Purpose, IReadOnlyList<string> EnvVars, IReadOnlyList<string> Cues);

/// <summary>
/// The crewai_tools an architecture may name. Only these (and the crew's own custom tools) are accepted, so every
/// tool an agent lists is one the generated code can import and make with nothing more than <c>crewai[tools]</c>
/// installed (tools that need further packages, such as Exa's, are left out).
/// </summary>
public static class ToolCatalog
{
    /// <summary>The tool every crew has: searches the project's knowledge/ folder (written by CrewBuilder, no key needed).</summary>
    public const string KnowledgeSearch = "knowledge_search";

    public static IReadOnlyList<CatalogTool> Tools { get; } =
    [
        new("SerperDevTool", "searches the web through Serper's Google Search API", ["SERPER_API_KEY"],
            ["research", "search", "news", "competitor", "trend", "market", "find", "discover", "lead", "leads", "social"]),
        new("ScrapeWebsiteTool", "reads the text of a web page", [],
            ["website", "websites", "page", "pages", "scrape", "url", "prices", "price", "monitor", "uptime", "site"]),
        new("FileReadTool", "reads a local file", [], ["file", "files", "invoice", "invoices", "document", "documents", "resume", "resumes", "cv"]),
        new("DirectoryReadTool", "lists the files of a local folder", [], ["folder", "directory", "inbox"]),
        new("FileWriterTool", "writes a local file", [], ["write", "export", "save", "publish"]),
        new("BraveSearchTool", "web search through the Brave Search API", ["BRAVE_API_KEY"], []),
    ];

    public static CatalogTool? Find(string className) => Tools.FirstOrDefault(tool => tool.ClassName == className);

    public static bool IsCatalogTool(string name) => Find(name) is not null;
}
