using Microsoft.Extensions.Configuration;

namespace CrewBuilder.Core.Keys;

/// <summary>The self-hosted edition's own keys: OPENAI_API_KEY and ANTHROPIC_API_KEY, as the official SDKs name them.</summary>
public sealed class ServerKeys(IReadOnlyDictionary<string, string> keys)
{
    public static ServerKeys FromConfiguration(IConfiguration configuration) => new(new Dictionary<string, string?>
    {
        [Keys.Providers.OpenAi] = configuration["OPENAI_API_KEY"],
        [Keys.Providers.Anthropic] = configuration["ANTHROPIC_API_KEY"],
    }.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value!));

    public IReadOnlyList<string> Providers { get; } = [.. Keys.Providers.All.Where(keys.ContainsKey)];

    public string? For(string provider) => keys.GetValueOrDefault(provider);
}
