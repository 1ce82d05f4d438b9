using CrewBuilder.Core.Identity;

namespace CrewBuilder.Core.Api;

/// <summary>Who may call an endpoint: the kinds of caller it admits and the scope an API token needs.</summary>
public sealed record Access(IReadOnlySet<CallerKind> Admits, string? Scope)
{
    public static Access Public { get; } = new(new HashSet<CallerKind>(Enum.GetValues<CallerKind>()), null);

    public static Access CreateGeneration { get; } =
        new(new HashSet<CallerKind> { CallerKind.Anonymous, CallerKind.User, CallerKind.ApiToken }, Scopes.GenerationsWrite);

    public static Access ReadGeneration { get; } =
        new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken, CallerKind.GenerationAccess }, Scopes.GenerationsRead);

    /// <summary>
    /// Whoever can follow a generation (or a clarification chat) may act on it: cancel it, answer the chat. An API token
    /// needs the scope to write generations.
    /// </summary>
    public static Access ActOnGeneration { get; } =
        new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken, CallerKind.GenerationAccess }, Scopes.GenerationsWrite);

    public static Access ListGenerations { get; } = new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken }, Scopes.GenerationsRead);

    /// <summary>A person's own templates: a signed-in person, or an API token that may write generations.</summary>
    public static Access ManageTemplates { get; } = new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken }, Scopes.GenerationsWrite);

    /// <summary>Renaming and deleting one's own generations: a signed-in person, or an API token that may write generations.</summary>
    public static Access ManageProjects { get; } = new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken }, Scopes.GenerationsWrite);

    public static Access ManageKeys { get; } = new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken }, Scopes.KeysManage);

    public static Access Account { get; } = new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken }, null);

    /// <summary>The MCP server: a personal API token (or a signed-in person); each tool checks the scope it needs.</summary>
    public static Access Mcp { get; } = new(new HashSet<CallerKind> { CallerKind.User, CallerKind.ApiToken }, null);

    /// <summary>Only a signed-in person: a token may not mint, list or revoke tokens, nor delete its owner.</summary>
    public static Access SignedInPerson { get; } = new(new HashSet<CallerKind> { CallerKind.User }, null);
}
