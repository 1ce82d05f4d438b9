namespace CrewBuilder.Core.Generation.Design;

/// <summary>
/// A ready-made tool from the crewai_tools package, the environment variables it reads, and the packages it imports
/// beyond <c>crewai[tools]</c> (its <c>package_dependencies</c>), which the project's dependencies then name.
/// </summary>
public sealed record CatalogTool(string ClassName, string Purpose, IReadOnlyList<string> EnvVars, IReadOnlyList<string> Cues, IReadOnlyList<string>? Packages = null)
{
    public IReadOnlyList<string> Packages { get; } = Packages ?? [];
}

/// <summary>
/// The crewai_tools an architecture may name. Only these (and the crew's own custom tools) are accepted, so every
/// tool an agent lists is one the generated code can import and make with <c>crewai[tools]</c> and the packages the
/// catalog names for it installed.
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
        new("EXASearchTool", "semantic web search through the Exa API", ["EXA_API_KEY"], [], ["exa-py>=1.8.7"]),
        new("FirecrawlScrapeWebsiteTool", "reads a web page as clean markdown through Firecrawl", ["FIRECRAWL_API_KEY"], [], ["firecrawl-py>=1.8.0"]),
    ];

    /// <summary>The packages the catalog tools of a design need beyond crewai[tools], each once, in order.</summary>
    public static IReadOnlyList<string> PackagesFor(IEnumerable<string> toolNames) =>
        [.. toolNames.Select(Find).OfType<CatalogTool>().SelectMany(tool => tool.Packages).Distinct().Order(StringComparer.Ordinal)];

    public static CatalogTool? Find(string className) => Tools.FirstOrDefault(tool => tool.ClassName == className);

    public static bool IsCatalogTool(string name) => Find(name) is not null;
}
