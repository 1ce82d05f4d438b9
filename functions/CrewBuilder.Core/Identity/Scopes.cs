namespace CrewBuilder.Core.Identity;

/// <summary>What a personal API token may do. A signed-in person may do all of it.</summary>
public static class Scopes
{
    public const string GenerationsRead = "generations:read";
    public const string GenerationsWrite = "generations:write";
    public const string KeysManage = "keys:manage";

    public static IReadOnlySet<string> All { get; } = new HashSet<string> { GenerationsRead, GenerationsWrite, KeysManage };
}
