namespace CrewBuilder.Core.Status;

/// <summary>A service CrewBuilder needs, by the id the status API and the measurements use and the name people read.</summary>
public sealed record Dependency(string Id, string Name);

/// <summary>Every dependency the status probe measures, declared once, in the order the status page lists them.</summary>
public static class Dependencies
{
    public static readonly Dependency Tables = new("tables", "Table storage");
    public static readonly Dependency Blobs = new("blobs", "Blob storage");
    public static readonly Dependency TaskHub = new("taskhub", "Durable task hub");
    public static readonly Dependency KeyVault = new("keyvault", "Key Vault");
    public static readonly Dependency Stripe = new("stripe", "Stripe payments");
    public static readonly Dependency OpenAi = new("openai", "OpenAI");
    public static readonly Dependency Anthropic = new("anthropic", "Anthropic");

    public static IReadOnlyList<Dependency> All { get; } = [Tables, Blobs, TaskHub, KeyVault, Stripe, OpenAi, Anthropic];
}
