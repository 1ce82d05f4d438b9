using Microsoft.Extensions.Configuration;

namespace CrewBuilder.Core.Keys;

/// <summary>Provider keys that come from configuration rather than from a user.</summary>
public abstract class ConfiguredKeys(IReadOnlyDictionary<string, string> keys)
{
    public IReadOnlyList<string> Providers { get; } = [.. Keys.Providers.All.Where(keys.ContainsKey)];

    public string? For(string provider) => keys.GetValueOrDefault(provider);

    protected static Dictionary<string, string> Read(IConfiguration configuration, string openAiSetting, string anthropicSetting) =>
        new Dictionary<string, string?>
        {
            [Keys.Providers.OpenAi] = configuration[openAiSetting],
            [Keys.Providers.Anthropic] = configuration[anthropicSetting],
        }.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value!);
}
